using System.Collections.Concurrent;
using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// Who is in one room (the board, a meeting) right now, and who is editing which card. One entry
/// per open page (a person with two tabs counts once). Held in memory: presence is about this
/// moment, not history.
/// </summary>
public sealed class PresenceRoom
{
    private readonly ConcurrentDictionary<Guid, PresentUser> _sessions = new();

    public IReadOnlyList<PresentUser> Present =>
        _sessions.Values
            .GroupBy(p => p.UserId)
            .Select(g => g.FirstOrDefault(p => p.EditingDealId is not null) ?? g.First())
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .ToList();

    public int SessionCount => _sessions.Count;

    public bool IsPresent(string userId) => _sessions.Values.Any(p => p.UserId == userId);

    public Guid Join(Actor actor)
    {
        var session = Guid.NewGuid();
        _sessions[session] = new PresentUser(actor.UserId, actor.DisplayName, null);
        return session;
    }

    public bool Leave(Guid session) => _sessions.TryRemove(session, out _);

    public bool SetEditing(Guid session, int? dealId)
    {
        if (_sessions.TryGetValue(session, out var current) && current.EditingDealId != dealId)
        {
            _sessions[session] = current with { EditingDealId = dealId };
            return true;
        }

        return false;
    }
}

/// <summary>Presence on the board; every change is published as <see cref="PresenceChanged"/>.</summary>
public sealed class BoardPresence(IBoardEvents events)
{
    private readonly PresenceRoom _room = new();

    public IReadOnlyList<PresentUser> Present => _room.Present;

    public int SessionCount => _room.SessionCount;

    public async Task<Guid> JoinAsync(Actor actor)
    {
        var session = _room.Join(actor);
        await PublishAsync();
        return session;
    }

    public async Task LeaveAsync(Guid session)
    {
        if (_room.Leave(session))
        {
            await PublishAsync();
        }
    }

    public async Task SetEditingAsync(Guid session, int? dealId)
    {
        if (_room.SetEditing(session, dealId))
        {
            await PublishAsync();
        }
    }

    private Task PublishAsync() => events.PublishAsync(new PresenceChanged(_room.Present));
}
