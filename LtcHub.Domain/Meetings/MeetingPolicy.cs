using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Meetings;

/// <summary>Who may do what with a pipeline meeting. The services enforce these; the pages only hide what they refuse.</summary>
public static class MeetingPolicy
{
    /// <summary>Sales managers, Ops and Admin schedule, start and take over meetings.</summary>
    public static bool CanSchedule(Actor actor) =>
        actor.IsAdmin || actor.IsInRole(Roles.Ops) || (actor.IsInRole(Roles.Sales) && actor.ManagedTeamIds.Count > 0);

    /// <summary>Participants and members (or managers) of the meeting's teams; Admin sees every meeting.</summary>
    public static bool CanSee(Actor actor, Meeting meeting) =>
        actor.IsAdmin || meeting.IsParticipant(actor.UserId)
        || meeting.Teams.Any(t => t.TeamId == actor.TeamId || actor.Manages(t.TeamId));

    /// <summary>Notes, decisions, actions and moves are captured by participants (and Admin) while the meeting is live.</summary>
    public static bool CanCapture(Actor actor, Meeting meeting) =>
        meeting.Status == MeetingStatus.Live && (meeting.IsParticipant(actor.UserId) || actor.IsAdmin);

    /// <summary>The facilitator leads: focus, agenda, hand-over, end.</summary>
    public static bool Leads(Actor actor, Meeting meeting) => meeting.IsFacilitator(actor.UserId);

    /// <summary>The facilitator ends the meeting, or Admin when the facilitator has gone.</summary>
    public static bool CanEnd(Actor actor, Meeting meeting) => actor.IsAdmin || Leads(actor, meeting);

    /// <summary>Anyone who may lead meetings takes over when the facilitator has left the room.</summary>
    public static bool CanTakeOver(Actor actor, Meeting meeting, bool facilitatorPresent) =>
        CanSchedule(actor) && !(meeting.FacilitatorId is { } current && current != actor.UserId && facilitatorPresent);

    /// <summary>An action is ticked off by its owner, its creator or Admin.</summary>
    public static bool CanComplete(Actor actor, ActionItem action) =>
        actor.IsAdmin || action.OwnerId == actor.UserId || action.CreatedById == actor.UserId;
}
