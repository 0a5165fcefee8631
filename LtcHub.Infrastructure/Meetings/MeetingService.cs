using System.Globalization;
using System.Linq.Expressions;
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
/// The pipeline meeting: scheduling, the live room (agenda, focus, facilitator, notes, decisions,
/// actions, moves) and the minutes. Every rule is checked here; every change is saved first and then
/// announced with <see cref="MeetingChanged"/>, so each room reloads the same state from the database.
/// </summary>
public sealed class MeetingService(
    IDbContextFactory<LtcHubDbContext> contexts,
    PipelineService pipeline,
    BoardReader board,
    IBoardEvents events,
    MeetingPresence presence,
    TimeProvider time,
    ILogger<MeetingService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<(IReadOnlyList<MeetingSummary> Upcoming, IReadOnlyList<MeetingSummary> Past)> ListAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meetings = await Visible(db, actor).AsNoTracking().OrderBy(m => m.ScheduledStartUtc).ToListAsync();
        return (meetings.Where(m => m.Status != MeetingStatus.Ended).Select(Summary).ToList(),
            meetings.Where(m => m.Status == MeetingStatus.Ended).OrderByDescending(m => m.EndedAtUtc).Take(50).Select(Summary).ToList());
    }

    public async Task<IReadOnlyList<Person>> PeopleAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Users.OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync();
    }

    /// <summary>Schedules a meeting (or, with <paramref name="startNow"/>, starts one ad hoc with the actor leading).</summary>
    public async Task<int> ScheduleAsync(Actor actor, MeetingInput input, bool startNow = false)
    {
        if (!Meeting.CanSchedule(actor))
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

        await PublishAsync(meeting.Id, actor);
        return meeting.Id;
    }

    /// <summary>Starts a scheduled meeting: the actor leads it, and the agenda is built from the board.</summary>
    public async Task StartAsync(Actor actor, int meetingId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        if (!Meeting.CanSchedule(actor))
        {
            throw new ForbiddenException();
        }

        await StartAsync(db, meeting, actor);
        await PublishAsync(meetingId, actor);
    }

    /// <summary>The room as <paramref name="actor"/> sees it now.</summary>
    /// <exception cref="NotFoundException">No such meeting, or not one the actor may see (the same answer).</exception>
    /// <param name="withSince">
    /// False skips "since last meeting" (it depends on the deals, not on notes, focus or the agenda):
    /// a room reloading for a meeting-only change keeps the one it has.
    /// </param>
    public async Task<MeetingRoom> RoomAsync(Actor actor, int meetingId, bool withSince = true)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId) ?? throw Unavailable();
        RequireVisible(actor, meeting);
        var names = await NamesAsync(db, meeting.Participants.Select(p => p.UserId).Append(meeting.FacilitatorId ?? ""));
        var agenda = await AgendaAsync(db, meetingId);
        var entries = await db.MeetingEntries.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Id)
            .Select(e => new EntryLine(e.Id, e.DealId, e.Kind, e.Text, e.AuthorName, e.AtUtc)).ToListAsync();
        var actions = await Actions(db, a => a.MeetingId == meetingId).ToListAsync();
        var since = meeting.Status == MeetingStatus.Ended || !withSince ? SinceLast.Nothing(meeting.StartedAtUtc ?? meeting.ScheduledStartUtc)
            : await SinceLastAsync(db, meeting);
        var focused = meeting.FocusedDealId is { } dealId ? await board.DetailsAsync(actor, dealId) : null;
        Person PersonOf(string id) => new(id, names.GetValueOrDefault(id) ?? "?");
        var teamIds = meeting.Teams.Select(t => t.TeamId).ToList();
        var participantIds = meeting.Participants.Select(p => p.UserId).ToList();
        var owners = await db.Users.Where(u => participantIds.Contains(u.Id) || (u.TeamId != null && teamIds.Contains(u.TeamId.Value)))
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync();
        return new MeetingRoom(
            Summary(meeting),
            meeting.Participants.Select(p => PersonOf(p.UserId)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            meeting.Participants.Where(p => p.AttendedAtUtc is not null).OrderBy(p => p.AttendedAtUtc).Select(p => PersonOf(p.UserId)).ToList(),
            meeting.FacilitatorId is { } f ? PersonOf(f) : null,
            agenda, entries, actions, since, focused, Meeting.CanSchedule(actor), meeting.IsParticipant(actor.UserId), owners);
    }

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
            if (!Meeting.CanSchedule(actor))
            {
                throw new ForbiddenException();
            }

            if (meeting.FacilitatorId is { } current && current != actor.UserId && presence.IsPresent(meetingId, current))
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
        if (!actor.IsAdmin && action.OwnerId != actor.UserId && action.CreatedById != actor.UserId)
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

    /// <summary>My open actions first (by due date), then the ones done in the last two weeks.</summary>
    public async Task<IReadOnlyList<ActionLine>> MyActionsAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var recent = Now.AddDays(-14);
        var lines = await Actions(db, a => a.OwnerId == actor.UserId && (a.DoneAtUtc == null || a.DoneAtUtc > recent)).ToListAsync();
        return lines.OrderBy(a => a.DoneAtUtc is not null).ThenBy(a => a.DueDate).ThenBy(a => a.Id).ToList();
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
        if (!actor.IsAdmin)
        {
            RequireFacilitator(actor, meeting, "end");
        }

        var now = Now;
        var room = await RoomAsync(actor, meetingId, withSince: false);
        var stages = (await board.StagesAsync()).ToDictionary(s => s.Key);
        var moves = await MovesAsync(db, meeting, meeting.StartedAtUtc ?? now, now);
        var summary = Summary(meeting) with { EndedAtUtc = now };
        var markdown = MinutesWriter.Write(summary, room.Facilitator, room.Attendees, room.Agenda, room.Entries, room.Actions, moves,
            key => stages.TryGetValue(key, out var s) ? s.Name(meeting.Culture == Languages.English) : key);
        meeting.End(now, markdown);
        if (meeting.Weekly && !await db.Meetings.AnyAsync(m => m.SeriesId == meeting.SeriesId && m.Status == MeetingStatus.Scheduled))
        {
            db.Meetings.Add(meeting.NextInSeries(now));
        }

        await SaveAsync(db, meetingId);
        await PublishAsync(meetingId, actor);
    }

    /// <summary>The stored minutes as a file name and Markdown text; null before the meeting ended.</summary>
    public async Task<(string FileName, string Markdown)?> MinutesAsync(Actor actor, int meetingId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await LoadAsync(db, actor, meetingId);
        return meeting.MinutesMarkdown is { } markdown
            ? ($"minutes-{meeting.Id}-{CompanyTime.Local(meeting.EndedAtUtc!.Value):yyyyMMdd}.md", markdown)
            : null;
    }

    /// <summary>Only participants and members (or managers) of the scope's teams see a meeting; admins see all.</summary>
    public static bool CanSee(Actor actor, Meeting meeting) =>
        actor.IsAdmin || meeting.IsParticipant(actor.UserId)
        || meeting.Teams.Any(t => t.TeamId == actor.TeamId || actor.Manages(t.TeamId));

    private static IQueryable<Meeting> Visible(LtcHubDbContext db, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return db.Meetings;
        }

        var teamIds = actor.ManagedTeamIds.Concat(actor.TeamId is { } t ? [t] : []).ToList();
        return db.Meetings.Where(m => m.Participants.Any(p => p.UserId == actor.UserId) || m.Teams.Any(t => teamIds.Contains(t.TeamId)));
    }

    private async Task StartAsync(LtcHubDbContext db, Meeting meeting, Actor actor)
    {
        var now = Now;
        meeting.Start(actor.UserId, now);
        meeting.AddParticipant(actor.UserId).MarkAttended(now);
        var (_, cards) = await ScopeAsync(db, meeting);
        var stages = await board.StagesAsync();
        var counts = await db.Deals.GroupBy(d => d.Stage.Key).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var (since, _) = await SinceAsync(db, meeting);
        var slipped = (await CloseDateChangesAsync(db, cards, since))
            .Where(c => string.CompareOrdinal(c.NewValue, c.OldValue) > 0 && c.OldValue is not null)
            .Select(c => c.DealId).ToHashSet();
        var position = 0;
        foreach (var (dealId, reasons) in AgendaBuilder.Build(cards, stages, counts, slipped, now))
        {
            db.AgendaItems.Add(new AgendaItem(meeting.Id, dealId, reasons, position++));
        }

        await SaveAsync(db, meeting.Id);
        logger.LogInformation("Meeting {MeetingId} started by {UserId} with {Count} agenda items", meeting.Id, actor.UserId, position);
    }

    /// <summary>
    /// The deals a meeting covers — its teams' deals, and deals in stages its teams own (Ops, Finance) —
    /// as a filter and as the cards it selects now.
    /// </summary>
    private static async Task<(Expression<Func<Deal, bool>> Scope, List<DealCard> Cards)> ScopeAsync(LtcHubDbContext db, Meeting meeting)
    {
        var teamIds = meeting.Teams.Select(t => t.TeamId).ToList();
        var kinds = await db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => t.Kind).ToListAsync();
        var stageIds = (await db.Stages.AsNoTracking().ToListAsync())
            .Where(s => s.OwningTeam != TeamKind.Sales && s.OwningTeam != TeamKind.None && kinds.Contains(s.OwningTeam))
            .Select(s => s.Id).ToList();
        Expression<Func<Deal, bool>> scope = d => (d.TeamId != null && teamIds.Contains(d.TeamId.Value)) || stageIds.Contains(d.StageId);
        return (scope, await BoardReader.Cards(db, q => q.Where(scope)).ToListAsync());
    }

    /// <summary>Since the series last met (its previous meeting's end), or a week before this one.</summary>
    private static async Task<(DateTime Since, bool FromPrevious)> SinceAsync(LtcHubDbContext db, Meeting meeting)
    {
        var start = meeting.StartedAtUtc ?? meeting.ScheduledStartUtc;
        var previous = await db.Meetings.Where(m => m.SeriesId == meeting.SeriesId && m.Id != meeting.Id && m.Status == MeetingStatus.Ended && m.EndedAtUtc <= start)
            .OrderByDescending(m => m.EndedAtUtc).Select(m => m.EndedAtUtc).FirstOrDefaultAsync();
        return previous is { } ended ? (ended, true) : (start.AddDays(-7), false);
    }

    private async Task<SinceLast> SinceLastAsync(LtcHubDbContext db, Meeting meeting)
    {
        var (since, fromPrevious) = await SinceAsync(db, meeting);
        var (scope, cards) = await ScopeAsync(db, meeting);
        var changes = await ChangesAsync(db, cards, since, DateTime.MaxValue, [DealFields.Stage, DealFields.Amount, DealFields.ExpectedCloseDate]);
        var stages = (await board.StagesAsync()).ToDictionary(s => s.Key);
        var newDeals = await db.Deals.Where(scope).Where(d => d.CreatedAtUtc > since).OrderByDescending(d => d.CreatedAtUtc)
            .Select(d => new DealRef(d.Id, d.Name)).ToListAsync();
        var now = Now;
        var newlyStale = cards
            .Where(c => stages.TryGetValue(c.StageKey, out var s) && AgendaBuilder.IsOpen(s) && c.IsStale(s, now)
                && c.EnteredStageAtUtc.AddDays(s.DaysUntilStale!.Value) > since)
            .Select(c => new DealRef(c.Id, c.Name)).ToList();
        var moves = changes.Where(c => c.Field == DealFields.Stage).Select(c => c.Change).ToList();
        return new SinceLast(since, fromPrevious, moves,
            moves.Where(m => m.NewValue == StageKeys.Won).ToList(),
            moves.Where(m => m.NewValue == StageKeys.Lost).ToList(),
            changes.Where(c => c.Field == DealFields.Amount).Select(c => c.Change).ToList(),
            changes.Where(c => c.Field == DealFields.ExpectedCloseDate).Select(c => c.Change).ToList(),
            newDeals, newlyStale);
    }

    private static async Task<IReadOnlyList<DealChange>> CloseDateChangesAsync(LtcHubDbContext db, IReadOnlyList<DealCard> cards, DateTime since) =>
        (await ChangesAsync(db, cards, since, DateTime.MaxValue, [DealFields.ExpectedCloseDate])).Select(c => c.Change).ToList();

    /// <summary>Stage moves of the scope's deals made while the meeting ran (for the minutes).</summary>
    private static async Task<IReadOnlyList<DealChange>> MovesAsync(LtcHubDbContext db, Meeting meeting, DateTime from, DateTime to)
    {
        var (_, cards) = await ScopeAsync(db, meeting);
        return (await ChangesAsync(db, cards, from, to, [DealFields.Stage])).Select(c => c.Change).ToList();
    }

    private static async Task<IReadOnlyList<(string Field, DealChange Change)>> ChangesAsync(
        LtcHubDbContext db, IReadOnlyList<DealCard> cards, DateTime from, DateTime to, string[] fields)
    {
        var names = cards.ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture), c => c.Name);
        var ids = names.Keys.ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == Deal.EntityType && a.AtUtc > from && a.AtUtc <= to && fields.Contains(a.Field) && ids.Contains(a.EntityId))
            .OrderBy(a => a.Id)
            .ToListAsync();
        return entries.Select(a => (a.Field, new DealChange(int.Parse(a.EntityId, CultureInfo.InvariantCulture), names[a.EntityId],
            a.OldValue, a.NewValue, a.ActorName, a.AtUtc))).ToList();
    }

    private static async Task<IReadOnlyList<AgendaLine>> AgendaAsync(LtcHubDbContext db, int meetingId)
    {
        var items = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId && !a.Removed)
            .OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync();
        var ids = items.Select(i => i.DealId).ToList();
        var cards = await BoardReader.Cards(db, q => q.Where(d => ids.Contains(d.Id))).ToDictionaryAsync(c => c.Id);
        return items.Where(i => cards.ContainsKey(i.DealId)).Select(i => new AgendaLine(i.Id, cards[i.DealId], i.Reasons, i.Position)).ToList();
    }

    private static IQueryable<ActionLine> Actions(LtcHubDbContext db, Expression<Func<ActionItem, bool>> filter) =>
        from a in db.ActionItems.AsNoTracking().Where(filter)
        join u in db.Users on a.OwnerId equals u.Id
        join m in db.Meetings on a.MeetingId equals m.Id into ms
        from m in ms.DefaultIfEmpty()
        join d in db.Deals on a.DealId equals d.Id into ds
        from d in ds.DefaultIfEmpty()
        orderby a.Id
        select new ActionLine(a.Id, a.MeetingId, m == null ? null : m.Title, a.DealId, d == null ? null : d.Name, a.Text, a.OwnerId,
            u.DisplayName, a.DueDate, a.DoneAtUtc, a.CreatedByName);

    private static async Task<Dictionary<string, string>> NamesAsync(LtcHubDbContext db, IEnumerable<string> ids)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
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

    private static async Task SaveAsync(LtcHubDbContext db, int meetingId)
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

    private async Task<Meeting> LoadAsync(LtcHubDbContext db, Actor actor, int meetingId)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId) ?? throw Unavailable();
        RequireVisible(actor, meeting);
        return meeting;
    }

    /// <summary>A meeting that is not yours to see answers exactly like one that does not exist: ids reveal nothing.</summary>
    private void RequireVisible(Actor actor, Meeting meeting)
    {
        if (!CanSee(actor, meeting))
        {
            logger.LogWarning("Refused meeting {MeetingId} to {UserId}: not a participant nor in its teams", meeting.Id, actor.UserId);
            throw Unavailable();
        }
    }

    private static NotFoundException Unavailable() => new("Error.MeetingUnavailable");

    private void RequireFacilitator(Actor actor, Meeting meeting, string what)
    {
        if (!meeting.IsFacilitator(actor.UserId))
        {
            logger.LogWarning("Refused {What} in meeting {MeetingId} by {UserId}: not the facilitator", what, meeting.Id, actor.UserId);
            throw new ForbiddenException("Error.OnlyFacilitator");
        }
    }

    private void RequireCapture(Actor actor, Meeting meeting)
    {
        if (meeting.Status != MeetingStatus.Live)
        {
            throw new DomainException("Error.MeetingNotLive");
        }

        if (!meeting.IsParticipant(actor.UserId) && !actor.IsAdmin)
        {
            logger.LogWarning("Refused capture in meeting {MeetingId} by {UserId}: not a participant", meeting.Id, actor.UserId);
            throw new ForbiddenException();
        }
    }

    private Task PublishAsync(int meetingId, Actor actor) => events.PublishAsync(new MeetingChanged(meetingId, actor.DisplayName));

    private static MeetingSummary Summary(Meeting m) =>
        new(m.Id, m.Title, m.ScheduledStartUtc, m.Status, m.Culture, m.Weekly, m.SeriesId, m.StartedAtUtc, m.EndedAtUtc, m.FacilitatorId,
            m.FocusedDealId, m.Version, m.Teams.Select(t => t.TeamId).ToList());
}
