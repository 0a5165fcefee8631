using System.Collections.Concurrent;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>Who is in each meeting room right now (in memory; the meeting itself is in the database).</summary>
public sealed class MeetingPresence(IBoardEvents events)
{
    private readonly ConcurrentDictionary<int, PresenceRoom> _rooms = new();

    public IReadOnlyList<PresentUser> Present(int meetingId) => _rooms.TryGetValue(meetingId, out var room) ? room.Present : [];

    public bool IsPresent(int meetingId, string userId) => _rooms.TryGetValue(meetingId, out var room) && room.IsPresent(userId);

    public int SessionCount => _rooms.Values.Sum(r => r.SessionCount);

    public async Task<Guid> JoinAsync(int meetingId, Actor actor)
    {
        var session = _rooms.GetOrAdd(meetingId, _ => new PresenceRoom()).Join(actor);
        await PublishAsync(meetingId);
        return session;
    }

    public async Task LeaveAsync(int meetingId, Guid session)
    {
        if (_rooms.TryGetValue(meetingId, out var room) && room.Leave(session))
        {
            await PublishAsync(meetingId);
        }
    }

    public async Task SuspendAsync(int meetingId, Guid session)
    {
        if (_rooms.TryGetValue(meetingId, out var room) && room.Suspend(session))
        {
            await PublishAsync(meetingId);
        }
    }

    public async Task ResumeAsync(int meetingId, Guid session)
    {
        if (_rooms.TryGetValue(meetingId, out var room) && room.Resume(session))
        {
            await PublishAsync(meetingId);
        }
    }

    private Task PublishAsync(int meetingId) => events.PublishAsync(new MeetingPresenceChanged(meetingId, Present(meetingId)));
}
