using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// A deal's move from one stage to another, as the reports read it: the audit log's stage lines again, narrow and keyed
/// by the deal's number (the audit log keys every entity by text), so a report reads a cohort's history by index seeks
/// instead of scanning a million audit rows. Written with its audit line, in the same SaveChanges (<see cref="StageMoveLog"/>).
/// </summary>
public sealed class StageMove
{
    private StageMove()
    {
    }

    public StageMove(int dealId, DateTime atUtc, string? from, string? to, DateTime? enteredAtUtc)
    {
        DealId = dealId;
        AtUtc = atUtc;
        From = from;
        To = to;
        EnteredAtUtc = enteredAtUtc;
    }

    public long Id { get; private set; }

    public int DealId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    /// <summary>When the deal entered <see cref="From"/>: the stay this move ends is [EnteredAtUtc, AtUtc) (null: not known).</summary>
    public DateTime? EnteredAtUtc { get; private set; }
}

/// <summary>Adds a <see cref="StageMove"/> for every deal stage line added to the audit log, in the same transaction.</summary>
internal sealed class StageMoveLog : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Log(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Log(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Log(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var lines = context.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.EntityType == Deal.EntityType && e.Entity.Field == DealFields.Stage)
            .Select(e => e.Entity)
            .Select(a => (Line: a, DealId: int.TryParse(a.EntityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0))
            .Where(x => x.DealId > 0)
            .ToList();
        if (lines.Count == 0)
        {
            return;
        }

        var deals = context.ChangeTracker.Entries<Deal>().Where(d => d.Entity.Id > 0).ToDictionary(d => d.Entity.Id);
        foreach (var history in lines.GroupBy(x => x.DealId))
        {
            // Several moves of one deal in one save (the demo walks a deal through the pipeline): each stay began at the move before.
            DateTime? entered = deals.TryGetValue(history.Key, out var deal)
                ? deal.State == EntityState.Added ? deal.Entity.CreatedAtUtc : deal.Property(d => d.EnteredStageAtUtc).OriginalValue
                : null;
            foreach (var (line, dealId) in history.OrderBy(x => x.Line.AtUtc))
            {
                context.Set<StageMove>().Add(new StageMove(dealId, line.AtUtc, line.OldValue, line.NewValue, entered));
                entered = line.AtUtc;
            }
        }
    }
}
