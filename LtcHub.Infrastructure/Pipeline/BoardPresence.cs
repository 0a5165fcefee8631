using System.Collections.Concurrent;
using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// Who has the board open right now, and who is editing which card. One entry per open board
/// (a person with two tabs counts once). Held in memory: presence is about this moment, not history.
/// </summary>
public sealed class BoardPresence(IBoardEvents events)
{
    private readonly ConcurrentDictionary<Guid, PresentUser> _sessions = new();

    public IReadOnlyList<PresentUser> Present =>
        _sessions.Values
            .GroupBy(p => p.UserId)
            .Select(g => g.FirstOrDefault(p => p.EditingDealId is not null) ?? g.First())
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .ToList();

    public int SessionCount => _sessions.Count;

    public async Task<Guid> JoinAsync(Actor actor)
    {
        var session = Guid.NewGuid();
        _sessions[session] = new PresentUser(actor.UserId, actor.DisplayName, null);
        await PublishAsync();
        return session;
    }

    public async Task LeaveAsync(Guid session)
    {
        if (_sessions.TryRemove(session, out _))
        {
            await PublishAsync();
        }
    }

    public async Task SetEditingAsync(Guid session, int? dealId)
    {
        if (_sessions.TryGetValue(session, out var current) && current.EditingDealId != dealId)
        {
            _sessions[session] = current with { EditingDealId = dealId };
            await PublishAsync();
        }
    }

    private Task PublishAsync() => events.PublishAsync(new PresenceChanged(Present));
}
