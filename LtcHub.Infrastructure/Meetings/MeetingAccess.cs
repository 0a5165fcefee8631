using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>
/// Loading a meeting for someone, with <see cref="MeetingPolicy"/> applied the same way by the scheduler,
/// the room's reader and its commands: a meeting that is not yours to see answers exactly like one that
/// does not exist, so ids reveal nothing.
/// </summary>
internal static class MeetingAccess
{
    public static NotFoundException Unavailable() => new("Error.MeetingUnavailable");

    /// <summary>The meetings the actor may see, as a query.</summary>
    public static IQueryable<Meeting> Visible(LtcHubDbContext db, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return db.Meetings;
        }

        var teamIds = actor.ManagedTeamIds.Concat(actor.TeamId is { } t ? [t] : []).ToList();
        return db.Meetings.Where(m => m.Participants.Any(p => p.UserId == actor.UserId) || m.Teams.Any(t => teamIds.Contains(t.TeamId)));
    }

    public static async Task<Meeting> LoadAsync(LtcHubDbContext db, Actor actor, int meetingId, ILogger logger, bool tracked = true)
    {
        var meetings = tracked ? db.Meetings : db.Meetings.AsNoTracking();
        var meeting = await meetings.SingleOrDefaultAsync(m => m.Id == meetingId) ?? throw Unavailable();
        RequireVisible(actor, meeting, logger);
        return meeting;
    }

    public static void RequireVisible(Actor actor, Meeting meeting, ILogger logger)
    {
        if (!MeetingPolicy.CanSee(actor, meeting))
        {
            logger.LogWarning("Refused meeting {MeetingId} to {UserId}: not a participant nor in its teams", meeting.Id, actor.UserId);
            throw Unavailable();
        }
    }

    /// <summary>Only the facilitator leads: focus, agenda, reports, hand-over.</summary>
    public static void RequireFacilitator(Actor actor, Meeting meeting, string what, ILogger logger)
    {
        if (!MeetingPolicy.Leads(actor, meeting))
        {
            logger.LogWarning("Refused {What} in meeting {MeetingId} by {UserId}: not the facilitator", what, meeting.Id, actor.UserId);
            throw new ForbiddenException("Error.OnlyFacilitator");
        }
    }

    public static MeetingSummary Summary(Meeting m) =>
        new(m.Id, m.Title, m.ScheduledStartUtc, m.Status, m.Culture, m.Weekly, m.SeriesId, m.StartedAtUtc, m.EndedAtUtc, m.FacilitatorId,
            m.FocusedDealId, m.Version, m.Teams.Select(t => t.TeamId).ToList(), m.FocusedReport);
}
