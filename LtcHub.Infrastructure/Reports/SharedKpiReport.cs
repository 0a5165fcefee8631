using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// The numbers a sales team and an ops team agreed to share (team=&lt;sales team&gt;&amp;ops=&lt;ops team&gt;), each against
/// the KPI target set for its team over the period's months, with a traffic light (green: met; amber: within 10%;
/// red: further off). New qualified leads (first entries into Qualified), conversion (the period's new deals that
/// reached Won), cycle time (median days created → won for deals won), time to accept a hand-off (median days from
/// entering Won to entering Handoff), delivery on time (exits from Delivery within its days limit), DSO (the company
/// currency, CNY).
/// </summary>
public sealed class SharedKpiReport : IReport
{
    public string Name => ReportNames.SharedKpis;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var deals = data.Deals();
        var lines = await ReportData.ReadLinesAsync(data.StageLines(deals).Where(a => a.AtUtc >= f.FromUtc && a.AtUtc < f.EndUtc), cancellationToken);

        var qualifiedIds = lines.Where(l => l.To == StageKeys.Qualified).Select(l => l.DealId).Distinct().ToList();
        var everQualifiedBefore = await ReportData.ReadLinesAsync(data.StageLines(deals.Where(d => EF.Parameter(qualifiedIds).Contains(d.Id)))
            .Where(a => a.AtUtc < f.FromUtc && a.To == StageKeys.Qualified), cancellationToken);
        var newQualified = qualifiedIds.Except(everQualifiedBefore.Select(l => l.DealId)).ToList();

        var cohortQuery = deals.Where(d => d.CreatedAtUtc >= f.FromUtc && d.CreatedAtUtc < f.EndUtc);
        var cohort = await cohortQuery.Select(d => new { d.Id, d.Stage.Key, d.CreatedAtUtc }).ToListAsync(cancellationToken);
        var furthest = await data.FurthestAsync(cohortQuery, cohort.Select(d => (d.Id, d.Key)), cancellationToken);
        var wonOrder = data.Stage(StageKeys.Won)?.Order ?? int.MaxValue;
        var cohortWon = furthest.Where(kv => kv.Value >= wonOrder).Select(kv => kv.Key).ToList();

        var wonLines = lines.Where(l => l.To == StageKeys.Won).GroupBy(l => l.DealId).Select(g => g.OrderBy(l => l.AtUtc).First()).ToList();
        var wonIds = wonLines.Select(l => l.DealId).ToList();
        var created = await deals.Where(d => EF.Parameter(wonIds).Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.CreatedAtUtc, cancellationToken);
        var cycle = wonLines.Where(l => created.ContainsKey(l.DealId)).Select(l => ReportData.DaysBetween(created[l.DealId], l.AtUtc)).Order().ToList();

        // A hand-off accepted: the move from Won to Handoff, its stay in Won; a delivery done: a move out of Delivery, its stay there.
        var handoffs = lines.Where(l => l.To == StageKeys.Handoff && l.From == StageKeys.Won && l.EnteredAtUtc is not null).ToList();
        var handoffIds = handoffs.Select(l => l.DealId).Distinct().ToList();
        var handoffDays = handoffs.Select(h => ReportData.DaysBetween(h.EnteredAtUtc!.Value, h.AtUtc)).Order().ToList();

        var delivery = data.Stage(StageKeys.Delivery);
        var deliveries = lines.Where(l => l.From == StageKeys.Delivery && l.EnteredAtUtc is not null).ToList();
        var onTime = deliveries.Where(e => delivery?.DaysLimit is not { } limit || ReportData.DaysBetween(e.EnteredAtUtc!.Value, e.AtUtc) <= limit)
            .Select(e => e.DealId).ToList();

        var dso = (await ArAgingReport.DsoAsync(data, cancellationToken)).Rows
            .FirstOrDefault(r => r.Cells[0].Text!.En == Domain.Common.Money.DefaultCurrency)?.Cells[4].Value;

        var targets = await TargetsReport.TargetRowsAsync(data, cancellationToken, narrow: false);
        var rows = new List<ReportRow>
        {
            Row(data, TargetMeasure.QualifiedLeads, newQualified.Count, ReportData.Ids(newQualified), targets, f.TeamId),
            Row(data, TargetMeasure.ConversionPercent, ReportData.Ratio(cohortWon.Count, cohort.Count) is { } r ? r * 100 : null, ReportData.Ids(cohortWon), targets, f.TeamId),
            Row(data, TargetMeasure.CycleDays, ReportData.Percentile(cycle, 0.5), ReportData.Ids(wonIds), targets, f.TeamId),
            Row(data, TargetMeasure.HandoffDays, ReportData.Percentile(handoffDays, 0.5), ReportData.Ids(handoffIds), targets, f.OpsTeamId),
            Row(data, TargetMeasure.DeliveryOnTimePercent, ReportData.Ratio(onTime.Count, deliveries.Count) is { } d ? d * 100 : null, ReportData.Ids(onTime), targets, f.OpsTeamId),
            Row(data, TargetMeasure.DsoDays, dso, null, targets, f.TeamId),
        };
        return
        [
            new ReportSection("kpis", ReportText.Of("Report.Kpi.Title", data.TeamName(f.TeamId), data.TeamName(f.OpsTeamId)),
                [new(ReportText.Of("Report.Col.Kpi"), CellKind.Text), new(ReportText.Of("Report.Col.Actual"), CellKind.Days),
                 new(ReportText.Of("TargetTier.Target"), CellKind.Days), new(ReportText.Of("Report.Col.Light"), CellKind.Text)],
                rows),
        ];
    }

    /// <summary>Green: the target is met; amber: within 10% of it; red: further off; no light without a target or a figure.</summary>
    public static RowMark Light(TargetMeasure measure, decimal? actual, decimal? target)
    {
        if (actual is not { } a || target is not { } t)
        {
            return RowMark.None;
        }

        var met = measure.LowerIsBetter() ? a <= t : a >= t;
        var close = measure.LowerIsBetter() ? a <= t * 1.1m : a >= t * 0.9m;
        return met ? RowMark.Green : close ? RowMark.Amber : RowMark.Red;
    }

    private static ReportRow Row(ReportData data, TargetMeasure measure, decimal? actual, IReadOnlyList<int>? deals, IReadOnlyList<SalesTarget> targets, int? teamId)
    {
        var months = targets.Where(t => t.Measure == measure && t.TeamId is not null && (teamId is null || t.TeamId == teamId)).ToList();
        decimal? target = months.Count == 0 ? null
            : measure.Adds() ? months.Sum(t => t.Target)
            : Math.Round(months.Average(t => t.Target), 1);
        var mark = Light(measure, actual is { } a ? Math.Round(a, 1) : null, target);
        return new ReportRow(
        [
            ReportCell.Label(ReportText.Of("TargetMeasure." + measure)), new ReportCell(Value: actual is { } v ? Math.Round(v, 1) : null, Deals: deals),
            ReportCell.Number(target), ReportCell.Label(ReportText.Of("Report.Light." + mark)),
        ], mark);
    }
}
