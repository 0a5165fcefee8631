using System.Linq.Expressions;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>What the meeting room and the meetings page read: the room as one person sees it, the minutes, my actions.</summary>
public sealed class MeetingRoomReader(
    IDbContextFactory<LtcHubDbContext> contexts,
    BoardReader board,
    MeetingHistory history,
    TimeProvider time,
    ILogger<MeetingRoomReader> logger)
{
    /// <summary>The room as <paramref name="actor"/> sees it now.</summary>
    /// <exception cref="NotFoundException">No such meeting, or not one the actor may see (the same answer).</exception>
    /// <param name="withSince">
    /// False skips "since last meeting" (it depends on the deals, not on notes, focus or the agenda):
    /// a room reloading for a meeting-only change keeps the one it has.
    /// </param>
    public async Task<MeetingRoom> RoomAsync(Actor actor, int meetingId, bool withSince = true)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await MeetingAccess.LoadAsync(db, actor, meetingId, logger, tracked: false);
        var names = await NamesAsync(db, meeting.Participants.Select(p => p.UserId).Append(meeting.FacilitatorId ?? ""));
        var agenda = await AgendaAsync(db, meetingId);
        var entries = await db.MeetingEntries.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Id)
            .Select(e => new EntryLine(e.Id, e.DealId, e.Kind, e.Text, e.AuthorName, e.AtUtc)).ToListAsync();
        var actions = await Actions(db, a => a.MeetingId == meetingId).ToListAsync();
        var since = meeting.Status == MeetingStatus.Ended || !withSince ? SinceLast.Nothing(meeting.StartedAtUtc ?? meeting.ScheduledStartUtc)
            : await history.SinceLastAsync(db, meeting);
        var focused = meeting.FocusedDealId is { } dealId ? await board.DetailsAsync(actor, dealId) : null;
        Person PersonOf(string id) => new(id, names.GetValueOrDefault(id) ?? "?");
        var teamIds = meeting.Teams.Select(t => t.TeamId).ToList();
        var participantIds = meeting.Participants.Select(p => p.UserId).ToList();
        var owners = await db.Users.Where(u => participantIds.Contains(u.Id) || (u.TeamId != null && teamIds.Contains(u.TeamId.Value)))
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync();
        return new MeetingRoom(
            MeetingAccess.Summary(meeting),
            meeting.Participants.Select(p => PersonOf(p.UserId)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            meeting.Participants.Where(p => p.AttendedAtUtc is not null).OrderBy(p => p.AttendedAtUtc).Select(p => PersonOf(p.UserId)).ToList(),
            meeting.FacilitatorId is { } f ? PersonOf(f) : null,
            agenda, entries, actions, since, focused, MeetingPolicy.CanSchedule(actor), meeting.IsParticipant(actor.UserId), owners,
            await ReportsAsync(db, meetingId));
    }

    /// <summary>The stored minutes as a file name and Markdown text; null before the meeting ended.</summary>
    public async Task<(string FileName, string Markdown)?> MinutesAsync(Actor actor, int meetingId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await MeetingAccess.LoadAsync(db, actor, meetingId, logger, tracked: false);
        return meeting.MinutesMarkdown is { } markdown
            ? ($"minutes-{meeting.Id}-{CompanyTime.Local(meeting.EndedAtUtc!.Value):yyyyMMdd}.md", markdown)
            : null;
    }

    /// <summary>My open actions first (by due date), then the ones done in the last two weeks.</summary>
    public async Task<IReadOnlyList<ActionLine>> MyActionsAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var recent = time.GetUtcNow().UtcDateTime.AddDays(-14);
        var lines = await Actions(db, a => a.OwnerId == actor.UserId && (a.DoneAtUtc == null || a.DoneAtUtc > recent)).ToListAsync();
        return lines.OrderBy(a => a.DoneAtUtc is not null).ThenBy(a => a.DueDate).ThenBy(a => a.Id).ToList();
    }

    private static async Task<IReadOnlyList<AgendaLine>> AgendaAsync(LtcHubDbContext db, int meetingId)
    {
        var items = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId && !a.Removed)
            .OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync();
        var ids = items.Select(i => i.DealId).ToList();
        var cards = await BoardReader.Cards(db, q => q.Where(d => ids.Contains(d.Id))).ToDictionaryAsync(c => c.Id);
        return items.Where(i => cards.ContainsKey(i.DealId)).Select(i => new AgendaLine(i.Id, cards[i.DealId], i.Reasons, i.Position)).ToList();
    }

    internal static async Task<IReadOnlyList<ReportLine>> ReportsAsync(LtcHubDbContext db, int meetingId) =>
        await db.MeetingReports.AsNoTracking().Where(r => r.MeetingId == meetingId).OrderBy(r => r.Position).ThenBy(r => r.Id)
            .Select(r => new ReportLine(r.Id, r.Report, r.Query, r.Position, r.SnapshotMarkdown, r.SnapshotAtUtc)).ToListAsync();

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
}
