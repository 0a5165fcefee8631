using System.Globalization;
using System.Linq.Expressions;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>
/// What happened to a meeting's deals, read from the audit log: "since last meeting" for the room, the
/// moves made while it ran for the minutes, and the close dates that slipped for its agenda.
/// </summary>
public sealed class MeetingHistory(BoardReader board, TimeProvider time)
{
    /// <summary>
    /// The deals a meeting covers — its teams' deals, and deals in stages its teams own (Ops, Finance) —
    /// as a filter and as the cards it selects now.
    /// </summary>
    public static async Task<(Expression<Func<Deal, bool>> Scope, List<DealCard> Cards)> ScopeAsync(LtcHubDbContext db, Meeting meeting)
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
    public static async Task<(DateTime Since, bool FromPrevious)> SinceAsync(LtcHubDbContext db, Meeting meeting)
    {
        var start = meeting.StartedAtUtc ?? meeting.ScheduledStartUtc;
        var previous = await db.Meetings.Where(m => m.SeriesId == meeting.SeriesId && m.Id != meeting.Id && m.Status == MeetingStatus.Ended && m.EndedAtUtc <= start)
            .OrderByDescending(m => m.EndedAtUtc).Select(m => m.EndedAtUtc).FirstOrDefaultAsync();
        return previous is { } ended ? (ended, true) : (start.AddDays(-7), false);
    }

    public async Task<SinceLast> SinceLastAsync(LtcHubDbContext db, Meeting meeting)
    {
        var (since, fromPrevious) = await SinceAsync(db, meeting);
        var (scope, cards) = await ScopeAsync(db, meeting);
        var changes = await ChangesAsync(db, cards, since, DateTime.MaxValue, [DealFields.Stage, DealFields.Amount, DealFields.ExpectedCloseDate]);
        var stages = (await board.StagesAsync()).ToDictionary(s => s.Key);
        var newDeals = await db.Deals.Where(scope).Where(d => d.CreatedAtUtc > since).OrderByDescending(d => d.CreatedAtUtc)
            .Select(d => new DealRef(d.Id, d.Name)).ToListAsync();
        var now = time.GetUtcNow().UtcDateTime;
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

    public static async Task<IReadOnlyList<DealChange>> CloseDateChangesAsync(LtcHubDbContext db, IReadOnlyList<DealCard> cards, DateTime since) =>
        (await ChangesAsync(db, cards, since, DateTime.MaxValue, [DealFields.ExpectedCloseDate])).Select(c => c.Change).ToList();

    /// <summary>Stage moves of the scope's deals made while the meeting ran (for the minutes).</summary>
    public static async Task<IReadOnlyList<DealChange>> MovesAsync(LtcHubDbContext db, Meeting meeting, DateTime from, DateTime to)
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
}
