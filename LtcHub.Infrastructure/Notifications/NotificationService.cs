using LtcHub.Domain.Notifications;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Notifications;

public sealed record NotificationLine(long Id, string Kind, string Text, string? Link, DateTime CreatedAtUtc, bool Read);

/// <summary>The bell: each person's alerts. Creating one is part of the caller's transaction; the toast follows the commit.</summary>
public sealed class NotificationService(IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, TimeProvider time)
{
    public async Task<IReadOnlyList<NotificationLine>> RecentAsync(string userId, int take = 30)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationLine(n.Id, n.Kind, n.Text, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync();
    }

    public async Task<int> UnreadCountAsync(string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null);
    }

    /// <summary>Marks one of the user's own notifications read (someone else's id changes nothing).</summary>
    public async Task MarkReadAsync(string userId, long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAtUtc, now));
        await events.PublishAsync(new NotificationsChanged(userId, null));
    }

    public async Task MarkAllReadAsync(string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAtUtc, now));
        await events.PublishAsync(new NotificationsChanged(userId, null));
    }

    /// <summary>
    /// After the commit: the addressed people's bells update and show a toast — one event per person however many
    /// alerts a run brought them (the newest as the toast, the rest counted), so a job's run costs each open page one render.
    /// </summary>
    public async Task AnnounceAsync(IEnumerable<Notification> added)
    {
        foreach (var person in added.GroupBy(n => n.UserId))
        {
            var newest = person.MaxBy(n => n.CreatedAtUtc)!;
            await events.PublishAsync(new NotificationsChanged(person.Key, newest.Text, person.Count() - 1));
        }
    }
}
