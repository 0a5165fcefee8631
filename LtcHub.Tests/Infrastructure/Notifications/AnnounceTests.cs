using System.Collections.Concurrent;
using LtcHub.Domain.Notifications;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Infrastructure.Notifications;

/// <summary>A job's run that brings one person many alerts costs each of their open pages one event, not one per alert.</summary>
public class AnnounceTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task ManyAlertsForOnePerson_AreOneEvent_WithTheNewestAsToast_AndTheRestCounted()
    {
        var heard = new ConcurrentQueue<NotificationsChanged>();
        using var subscription = app.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is NotificationsChanged { UserId: "announce-a" or "announce-b" } changed)
            {
                heard.Enqueue(changed);
            }

            return Task.CompletedTask;
        });
        var now = DateTime.UtcNow;

        await app.Get<NotificationService>().AnnounceAsync(
        [
            new Notification("announce-a", "reminder.stale", "k1", "第一条 first", null, now.AddSeconds(-2)),
            new Notification("announce-a", "reminder.stale", "k2", "最新 newest", null, now),
            new Notification("announce-b", "reminder.action", "k3", "只有一条 only one", null, now),
            new Notification("announce-a", "reminder.stale", "k4", "第二条 second", null, now.AddSeconds(-1)),
        ]);

        for (var i = 0; i < 50 && heard.Count < 2; i++)
        {
            await Task.Delay(20);
        }

        await Task.Delay(100); // nothing more comes
        Assert.Equal(2, heard.Count);
        Assert.Contains(new NotificationsChanged("announce-a", "最新 newest", 2), heard);
        Assert.Contains(new NotificationsChanged("announce-b", "只有一条 only one", 0), heard);
    }
}
