using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>
/// What people do in a meeting's room: attend, focus, lead and hand over, shape the agenda, capture notes,
/// decisions and actions, move deals, end it with its minutes (reports on the agenda: <see cref="MeetingReports"/>).
/// Every rule (<see cref="MeetingPolicy"/>) is checked here; every change is saved first and then announced with
/// <see cref="MeetingChanged"/>, so each room reloads the same state (<see cref="MeetingRoomReader"/>).
/// </summary>
public sealed class MeetingService(
    IDbContextFactory<LtcHubDbContext> contexts,
    PipelineService pipeline,
    BoardReader board,
    MeetingRoomReader rooms,
    IBoardEvents events,
    MeetingPresence presence,
    TimeProvider time,
    ILogger<MeetingService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Someone opened the live room: they count as attending (joining a visible meeting makes you a participant).</summary>
    public async Task AttendAsync(Actor actor, int meetingId)
    {
        await ChangeAsync(actor, meetingId, meeting =>
        {
            if (meeting.Status == MeetingStatus.Live)
            {
                meeting.AddParticipant(actor.UserId).MarkAttended(Now);
            }
        }, publish: false);
    }

    /// <summary>The facilitator points everyone's view at a deal (or at nothing).</summary>
    public Task FocusAsync(Actor actor, int meetingId, int? dealId) =>
        ChangeAsync(actor, meetingId, meeting =>
        {
            RequireFacilitator(actor, meeting, "focus");
            meeting.Focus(dealId);
        });

    public Task HandOverAsync(Actor actor, int meetingId, string userId) =>
        ChangeAsync(actor, meetingId, meeting =>
        {
            RequireFacilitator(actor, meeting, "hand over");
            if (!meeting.IsParticipant(userId))
            {
                throw new DomainException("Error.NotAParticipant");
            }

            meeting.SetFacilitator(userId);
        });

    /// <summary>When the facilitator has left the room, anyone who may lead meetings can take over.</summary>
    public Task TakeOverAsync(Actor actor, int meetingId) =>
        ChangeAsync(actor, meetingId, meeting =>
        {
            if (!MeetingPolicy.CanSchedule(actor))
            {
                throw new ForbiddenException();
            }

            if (!MeetingPolicy.CanTakeOver(actor, meeting, meeting.FacilitatorId is { } current && presence.IsPresent(meetingId, current)))
            {
                throw new DomainException("Error.FacilitatorPresent");
            }

            meeting.SetFacilitator(actor.UserId);
        });

    public async Task AddAgendaItemAsync(Actor actor, int meetingId, int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        RequireFacilitator(actor, meeting, "add to the agenda");
        if (!await db.Deals.AnyAsync(d => d.Id == dealId))
        {
            throw new DomainException("Error.NotFound");
        }

        var position = await db.AgendaItems.Where(a => a.MeetingId == meetingId && !a.Removed).MaxAsync(a => (int?)a.Position) ?? -1;
        var existing = await db.AgendaItems.SingleOrDefaultAsync(a => a.MeetingId == meetingId && a.DealId == dealId);
        if (existing is null)
        {
            db.AgendaItems.Add(new AgendaItem(meetingId, dealId, AgendaReason.Added, position + 1));
        }
        else if (existing.Removed)
        {
            existing.Restore(position + 1);
        }

        await db.SaveChangesAsync();
        await PublishAsync(meetingId, actor);
    }

    public async Task RemoveAgendaItemAsync(Actor actor, int meetingId, int itemId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        RequireFacilitator(actor, meeting, "remove from the agenda");
        var item = await db.AgendaItems.SingleOrDefaultAsync(a => a.Id == itemId && a.MeetingId == meetingId)
            ?? throw new DomainException("Error.NotFound");
        item.Remove();
        await db.SaveChangesAsync();
        await PublishAsync(meetingId, actor);
    }

    /// <summary>Moves an agenda item up (negative) or down (positive) by swapping with its neighbour.</summary>
    public async Task MoveAgendaItemAsync(Actor actor, int meetingId, int itemId, int direction)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        RequireFacilitator(actor, meeting, "reorder the agenda");
        var items = await db.AgendaItems.Where(a => a.MeetingId == meetingId && !a.Removed).OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync();
        var index = items.FindIndex(a => a.Id == itemId);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= items.Count)
        {
            return;
        }

        (items[index], items[other]) = (items[other], items[index]);
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Position = i;
        }

        await db.SaveChangesAsync();
        await PublishAsync(meetingId, actor);
    }

    /// <summary>A note or decision: its own row, so two people writing at once both keep their text.</summary>
    public async Task AddEntryAsync(Actor actor, int meetingId, int? dealId, MeetingEntryKind kind, string text)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        RequireCapture(actor, meeting);
        db.MeetingEntries.Add(new MeetingEntry(meetingId, dealId, kind, text, actor.UserId, actor.DisplayName, Now));
        await db.SaveChangesAsync();
        await PublishAsync(meetingId, actor);
    }

    /// <summary>An action item for a participant or a member of the meeting's teams.</summary>
    public async Task<int> AddActionAsync(Actor actor, int meetingId, int? dealId, string text, string ownerId, DateOnly dueDate)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        RequireCapture(actor, meeting);
        var teamIds = meeting.Teams.Select(t => t.TeamId).ToList();
        var ownerAllowed = meeting.IsParticipant(ownerId)
            || await db.Users.AnyAsync(u => u.Id == ownerId && u.TeamId != null && teamIds.Contains(u.TeamId.Value));
        if (!ownerAllowed)
        {
            throw new DomainException("Error.ActionOwnerNotInMeeting");
        }

        var action = new ActionItem(meetingId, dealId, text, ownerId, dueDate, actor.UserId, actor.DisplayName, Now);
        db.ActionItems.Add(action);
        await db.SaveChangesAsync();
        await PublishAsync(meetingId, actor);
        return action.Id;
    }

    /// <summary>Marks an action done (or not): its owner, its creator or an admin.</summary>
    public async Task CompleteActionAsync(Actor actor, int actionId, bool done)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var action = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == actionId) ?? throw new DomainException("Error.NotFound");
        if (!MeetingPolicy.CanComplete(actor, action))
        {
            throw new ForbiddenException();
        }

        if (done)
        {
            action.Complete(Now);
        }
        else
        {
            action.Reopen();
        }

        await db.SaveChangesAsync();
        if (action.MeetingId is { } meetingId)
        {
            await PublishAsync(meetingId, actor);
        }
    }

    /// <summary>A move from inside the meeting: the board's rules and conflicts, and the room hears of it.</summary>
    public async Task<ChangeOutcome> MoveDealAsync(Actor actor, int meetingId, int dealId, long expectedVersion, string targetKey, StageEntryInput input)
    {
        await using (var db = await contexts.CreateDbContextAsync())
        {
            RequireCapture(actor, await LoadAsync(db, actor, meetingId));
        }

        var outcome = await pipeline.MoveAsync(actor, dealId, expectedVersion, targetKey, input);
        if (outcome.Succeeded)
        {
            await PublishAsync(meetingId, actor);
        }

        return outcome;
    }

    /// <summary>Ends the meeting and stores its minutes; a weekly meeting schedules its next one.</summary>
    public async Task EndAsync(Actor actor, int meetingId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        if (!MeetingPolicy.CanEnd(actor, meeting))
        {
            RequireFacilitator(actor, meeting, "end");
        }

        var now = Now;
        var room = await rooms.RoomAsync(actor, meetingId, withSince: false);
        var stages = (await board.StagesAsync()).ToDictionary(s => s.Key);
        var moves = await MeetingHistory.MovesAsync(db, meeting, meeting.StartedAtUtc ?? now, now);
        var summary = MeetingAccess.Summary(meeting) with { EndedAtUtc = now };
        var markdown = MinutesWriter.Write(summary, room.Facilitator, room.Attendees, room.Agenda, room.Entries, room.Actions, moves,
            key => stages.TryGetValue(key, out var s) ? s.Name(meeting.Culture == Languages.English) : key, room.Reports);
        meeting.End(now, markdown);
        if (meeting.Weekly && !await db.Meetings.AnyAsync(m => m.SeriesId == meeting.SeriesId && m.Status == MeetingStatus.Scheduled))
        {
            db.Meetings.Add(meeting.NextInSeries(now));
        }

        await SaveAsync(db, meetingId);
        await PublishAsync(meetingId, actor);
    }

    private async Task ChangeAsync(Actor actor, int meetingId, Action<Meeting> change, bool publish = true)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        change(meeting);
        await SaveAsync(db, meetingId);
        if (publish)
        {
            await PublishAsync(meetingId, actor);
        }
    }

    /// <summary>Saves a meeting's changes; another change saved first (the version moved on) is refused, never overwritten.</summary>
    internal static async Task SaveAsync(LtcHubDbContext db, int meetingId)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Error.MeetingConflict", meetingId);
        }
    }

    private Task<Meeting> LoadAsync(LtcHubDbContext db, Actor actor, int meetingId) => MeetingAccess.LoadAsync(db, actor, meetingId, logger);

    private void RequireFacilitator(Actor actor, Meeting meeting, string what) => MeetingAccess.RequireFacilitator(actor, meeting, what, logger);

    private void RequireCapture(Actor actor, Meeting meeting)
    {
        if (meeting.Status != MeetingStatus.Live)
        {
            throw new DomainException("Error.MeetingNotLive");
        }

        if (!MeetingPolicy.CanCapture(actor, meeting))
        {
            logger.LogWarning("Refused capture in meeting {MeetingId} by {UserId}: not a participant", meeting.Id, actor.UserId);
            throw new ForbiddenException();
        }
    }

    private Task PublishAsync(int meetingId, Actor actor) => events.PublishAsync(new MeetingChanged(meetingId, actor.DisplayName));
}
