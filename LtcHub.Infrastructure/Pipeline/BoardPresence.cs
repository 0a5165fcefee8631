using System.Collections.Concurrent;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// Who is in one room (the board, a meeting) right now, and who is editing which card. One entry
/// per open page (a person with two tabs counts once). Held in memory: presence is about this
/// moment, not history.
/// </summary>
public sealed class PresenceRoom
{
    private readonly ConcurrentDictionary<Guid, PresentUser> _sessions = new();

    // Pages whose browser connection is down: out of the room until it comes back (or the page closes).
    private readonly ConcurrentDictionary<Guid, PresentUser> _away = new();

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

    public bool Leave(Guid session) => _sessions.TryRemove(session, out _) | _away.TryRemove(session, out _);

    /// <summary>The page's connection dropped (a closed laptop, a lost network): it leaves the room but may come back.</summary>
    public bool Suspend(Guid session)
    {
        if (_sessions.TryRemove(session, out var present))
        {
            _away[session] = present with { EditingDealId = null };
            return true;
        }

        return false;
    }

    /// <summary>The page's connection is back: it is in the room again.</summary>
    public bool Resume(Guid session)
    {
        if (_away.TryRemove(session, out var present))
        {
            _sessions[session] = present;
            return true;
        }

        return false;
    }

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

    public async Task SuspendAsync(Guid session)
    {
        if (_room.Suspend(session))
        {
            await PublishAsync();
        }
    }

    public async Task ResumeAsync(Guid session)
    {
        if (_room.Resume(session))
        {
            await PublishAsync();
        }
    }

    private Task PublishAsync() => events.PublishAsync(new PresenceChanged(_room.Present));
}
