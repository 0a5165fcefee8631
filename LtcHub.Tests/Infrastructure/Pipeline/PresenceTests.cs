using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace LtcHub.Tests.Infrastructure.Pipeline;

public class PresenceTests
{
    private static (BoardPresence Presence, List<IReadOnlyList<PresentUser>> Published) Board()
    {
        var events = new InProcessBoardEvents(NullLogger<InProcessBoardEvents>.Instance);
        var published = new List<IReadOnlyList<PresentUser>>();
        events.Subscribe(e =>
        {
            if (e is PresenceChanged changed)
            {
                lock (published)
                {
                    published.Add(changed.Present);
                }
            }

            return Task.CompletedTask;
        });
        return (new BoardPresence(events), published);
    }

    [Fact]
    public async Task ADroppedConnection_TakesTheAvatarOut_AndItComesBackOnReconnect()
    {
        var (presence, _) = Board();
        var circuit = new CircuitPresence();
        await presence.JoinAsync(TestActors.Sales("a"));
        var session = await presence.JoinAsync(TestActors.Sales("b"));
        using var link = circuit.Track(() => presence.SuspendAsync(session), () => presence.ResumeAsync(session));
        await presence.SetEditingAsync(session, 42);

        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal(["a"], presence.Present.Select(p => p.UserId));

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(["a", "b"], presence.Present.Select(p => p.UserId).Order());
        Assert.Null(presence.Present.Single(p => p.UserId == "b").EditingDealId);
    }

    [Fact]
    public async Task APageThatLeavesWhileAway_DoesNotComeBack()
    {
        var (presence, _) = Board();
        var session = await presence.JoinAsync(TestActors.Sales("c"));
        await presence.SuspendAsync(session);
        await presence.LeaveAsync(session);
        await presence.ResumeAsync(session);

        Assert.Empty(presence.Present);
        Assert.Equal(0, presence.SessionCount);
    }
}
