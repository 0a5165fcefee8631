using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Identity;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>
/// One open board's place in <see cref="BoardPresence"/>: present while its connection is up, "editing"
/// a card while this person drags it or has it open, and the cards others are editing right now.
/// </summary>
public sealed class BoardAttendance(BoardPresence presence, Actor actor) : IDisposable
{
    private static readonly IReadOnlyDictionary<int, string> Nobody = new Dictionary<int, string>();

    private IDisposable? _connection;
    private Guid? _session;

    /// <summary>Deal id → name of someone else editing it; a new instance only when it changed.</summary>
    public IReadOnlyDictionary<int, string> Editing { get; private set; } = Nobody;

    public async Task JoinAsync(CircuitPresence circuit)
    {
        var session = await presence.JoinAsync(actor);
        _session = session;
        _connection = circuit.Track(() => presence.SuspendAsync(session), () => presence.ResumeAsync(session));
        See(presence.Present);
    }

    public async Task MarkEditingAsync(int? dealId)
    {
        if (_session is { } session)
        {
            await presence.SetEditingAsync(session, dealId);
        }
    }

    /// <summary>Takes who is present now; true when the cards others are editing changed.</summary>
    public bool See(IReadOnlyList<PresentUser> present)
    {
        var editing = present.Where(p => p.EditingDealId is not null && p.UserId != actor.UserId)
            .GroupBy(p => p.EditingDealId!.Value).ToDictionary(g => g.Key, g => g.First().DisplayName);
        if (editing.Count == Editing.Count && editing.All(e => Editing.GetValueOrDefault(e.Key) == e.Value))
        {
            return false;
        }

        Editing = editing.Count == 0 ? Nobody : editing;
        return true;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        if (_session is { } session)
        {
            _ = presence.LeaveAsync(session);
        }
    }
}
