using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>The meetings list: who sees which meeting, scheduling one, and starting one with its agenda built from the board.</summary>
public sealed class MeetingScheduler(
    IDbContextFactory<LtcHubDbContext> contexts,
    BoardReader board,
    IBoardEvents events,
    TimeProvider time,
    ILogger<MeetingScheduler> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<(IReadOnlyList<MeetingSummary> Upcoming, IReadOnlyList<MeetingSummary> Past)> ListAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meetings = await MeetingAccess.Visible(db, actor).AsNoTracking().OrderBy(m => m.ScheduledStartUtc).ToListAsync();
        return (meetings.Where(m => m.Status != MeetingStatus.Ended).Select(MeetingAccess.Summary).ToList(),
            meetings.Where(m => m.Status == MeetingStatus.Ended).OrderByDescending(m => m.EndedAtUtc).Take(50).Select(MeetingAccess.Summary).ToList());
    }

    public async Task<IReadOnlyList<Person>> PeopleAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Users.OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync();
    }

    /// <summary>Schedules a meeting (or, with <paramref name="startNow"/>, starts one ad hoc with the actor leading).</summary>
    public async Task<int> ScheduleAsync(Actor actor, MeetingInput input, bool startNow = false)
    {
        if (!MeetingPolicy.CanSchedule(actor))
        {
            logger.LogWarning("Refused scheduling a meeting by {UserId}: not a sales manager, Ops or Admin", actor.UserId);
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var teams = await db.Teams.Where(t => input.TeamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync();
        var people = await db.Users.Where(u => input.ParticipantIds.Contains(u.Id)).Select(u => u.Id).ToListAsync();
        if (teams.Count != input.TeamIds.Distinct().Count() || people.Count != input.ParticipantIds.Distinct().Count())
        {
            throw new DomainException("Error.NotFound");
        }

        var start = startNow ? Now : input.StartUtc;
        var meeting = new Meeting(input.Title, start, input.Culture, input.Weekly, Guid.NewGuid(), teams, people, actor.UserId, Now);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        if (startNow)
        {
            await StartAsync(db, meeting, actor);
        }

        await events.PublishAsync(new MeetingChanged(meeting.Id, actor.DisplayName));
        return meeting.Id;
    }

    /// <summary>Starts a scheduled meeting: the actor leads it, and the agenda is built from the board.</summary>
    public async Task StartAsync(Actor actor, int meetingId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await MeetingAccess.LoadAsync(db, actor, meetingId, logger);
        if (!MeetingPolicy.CanSchedule(actor))
        {
            throw new ForbiddenException();
        }

        await StartAsync(db, meeting, actor);
        await events.PublishAsync(new MeetingChanged(meetingId, actor.DisplayName));
    }

    private async Task StartAsync(LtcHubDbContext db, Meeting meeting, Actor actor)
    {
        var now = Now;
        meeting.Start(actor.UserId, now);
        meeting.AddParticipant(actor.UserId).MarkAttended(now);
        var (_, cards) = await MeetingHistory.ScopeAsync(db, meeting);
        var stages = await board.StagesAsync();
        var counts = await db.Deals.GroupBy(d => d.Stage.Key).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var (since, _) = await MeetingHistory.SinceAsync(db, meeting);
        var slipped = (await MeetingHistory.CloseDateChangesAsync(db, cards, since))
            .Where(c => string.CompareOrdinal(c.NewValue, c.OldValue) > 0 && c.OldValue is not null)
            .Select(c => c.DealId).ToHashSet();
        var position = 0;
        foreach (var (dealId, reasons) in AgendaBuilder.Build(cards, stages, counts, slipped, now))
        {
            db.AgendaItems.Add(new AgendaItem(meeting.Id, dealId, reasons, position++));
        }

        await MeetingService.SaveAsync(db, meeting.Id);
        logger.LogInformation("Meeting {MeetingId} started by {UserId} with {Count} agenda items", meeting.Id, actor.UserId, position);
    }
}
