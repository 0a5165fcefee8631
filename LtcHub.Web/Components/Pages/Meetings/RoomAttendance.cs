using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Web.Identity;

namespace LtcHub.Web.Components.Pages.Meetings;

/// <summary>One open room window's place in <see cref="MeetingPresence"/>: present while its connection is up, gone when it closes.</summary>
public sealed class RoomAttendance(MeetingPresence presence, int meetingId) : IDisposable
{
    private IDisposable? _connection;
    private Guid? _session;

    public async Task JoinAsync(Actor actor, CircuitPresence circuit)
    {
        var session = await presence.JoinAsync(meetingId, actor);
        _session = session;
        _connection = circuit.Track(() => presence.SuspendAsync(meetingId, session), () => presence.ResumeAsync(meetingId, session));
    }

    public void Dispose()
    {
        _connection?.Dispose();
        if (_session is { } session)
        {
            _ = presence.LeaveAsync(meetingId, session);
        }
    }
}
