using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// The funnel. Cohort: the deals created in the period, each counted at every stage up to the furthest it reached
/// (its stage history from the audit log, so a deal that skipped a stage still passed it); conversion of each step =
/// reached this stage ÷ reached the one before; the weakest step is marked. Snapshot: every open or finished deal now,
/// by its current stage (Lost left out), the share at or beyond each stage. Breakdown: the cohort by owner, team or source.
/// </summary>
public sealed class FunnelReport : IReport
{
    public string Name => ReportNames.Funnel;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var cohortQuery = data.Deals().Where(d => d.CreatedAtUtc >= f.FromUtc && d.CreatedAtUtc < f.EndUtc);
        var cohort = await cohortQuery
            .Select(d => new
            {
                d.Id,
                d.Stage.Key,
                d.OwnerId,
                d.TeamId,
                Source = data.Db.Accounts.Where(a => a.Id == d.AccountId).Select(a => a.Source).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var flow = data.FlowStages.ToList();
        var furthest = await data.FurthestAsync(cohortQuery, cohort.Select(d => (d.Id, d.Key)), cancellationToken);

        var cohortSection = Steps("cohort", ReportText.Of("Report.Funnel.Cohort"), flow, furthest);

        var now = await data.Deals().Where(d => d.Stage.Key != StageKeys.Lost).Select(d => new { d.Id, d.Stage.Key }).ToListAsync(cancellationToken);
        var snapshotRows = new List<ReportRow>();
        for (var i = 0; i < flow.Count; i++)
        {
            var order = flow[i].Order;
            var inStage = ReportData.Ids(now.Where(n => n.Key == flow[i].Key).Select(n => n.Id));
            var beyond = ReportData.Ids(now.Where(n => data.OrderOf(n.Key) >= order).Select(n => n.Id));
            var next = i + 1 < flow.Count ? now.Count(n => data.OrderOf(n.Key) >= flow[i + 1].Order) : (int?)null;
            snapshotRows.Add(new ReportRow([ReportCell.Label(flow[i].Name), ReportCell.Number(inStage.Count, inStage), ReportCell.Number(beyond.Count, beyond),
                ReportCell.Number(next is { } n ? ReportData.Ratio(n, beyond.Count) : null)]));
        }

        var snapshot = new ReportSection("snapshot", ReportText.Of("Report.Funnel.Snapshot"),
            [new(ReportText.Of("Report.Col.Stage"), CellKind.Text), new(ReportText.Of("Report.Col.InStage"), CellKind.Count),
             new(ReportText.Of("Report.Col.AtOrBeyond"), CellKind.Count), new(ReportText.Of("Report.Col.OnToNext"), CellKind.Percent)],
            snapshotRows,
            new ReportChart(ChartKind.Bar, flow.Select(s => s.Name).ToList(),
                [new ChartSeries(ReportText.Of("Report.Col.InStage"), snapshotRows.Select(r => (double)(r.Cells[1].Value ?? 0)).ToList())]));

        var by = f.By is ReportGrouping.Team or ReportGrouping.Source ? f.By.Value : ReportGrouping.Owner;
        var won = data.Stage(StageKeys.Won)?.Order ?? int.MaxValue;
        var groups = cohort.GroupBy(d => by switch
            {
                ReportGrouping.Team => d.TeamId?.ToString() ?? "",
                ReportGrouping.Source => d.Source?.ToString() ?? "",
                _ => d.OwnerId,
            })
            .Select(g =>
            {
                var first = g.First();
                var label = by switch
                {
                    ReportGrouping.Team => data.TeamName(first.TeamId),
                    ReportGrouping.Source => first.Source is { } s ? ReportText.Of("LeadSource." + s) : ReportText.Of("Report.NoSource"),
                    _ => data.OwnerName(first.OwnerId),
                };
                var cells = new List<ReportCell> { ReportCell.Label(label) };
                cells.AddRange(flow.Select(s => ReportCell.Number(g.Count(d => furthest[d.Id] >= s.Order),
                    ReportData.Ids(g.Where(d => furthest[d.Id] >= s.Order).Select(d => d.Id)))));
                cells.Add(ReportCell.Number(ReportData.Ratio(g.Count(d => furthest[d.Id] >= won), g.Count())));
                return new ReportRow(cells);
            })
            .OrderByDescending(r => r.Cells[1].Value)
            .ToList();
        var columns = new List<ReportColumn> { new(ReportText.Of("Report.By." + by), CellKind.Text) };
        columns.AddRange(flow.Select(s => new ReportColumn(s.Name, CellKind.Count)));
        columns.Add(new(ReportText.Of("Report.Col.WinRate"), CellKind.Percent));
        var breakdown = new ReportSection("breakdown", ReportText.Of("Report.Funnel.Breakdown"), columns, groups);
        return [cohortSection, snapshot, breakdown];
    }

    /// <summary>The steps of a cohort: reached per stage, conversion from the stage before, the weakest step marked.</summary>
    public static ReportSection Steps(string id, ReportText title, IReadOnlyList<ReportStage> flow, IReadOnlyDictionary<int, int> furthest)
    {
        var reached = flow.Select(s => furthest.Where(kv => kv.Value >= s.Order).Select(kv => kv.Key).Order().ToArray()).ToList();
        var conversions = flow.Select((_, i) => i == 0 ? null : ReportData.Ratio(reached[i].Length, reached[i - 1].Length)).ToList();
        var weakest = conversions.Select((c, i) => (c, i)).Where(x => x.c is not null).OrderBy(x => x.c).ThenBy(x => x.i).Select(x => (int?)x.i).FirstOrDefault();
        var rows = flow.Select((s, i) => new ReportRow(
            [ReportCell.Label(s.Name), ReportCell.Number(reached[i].Length, reached[i]), ReportCell.Number(conversions[i]),
             ReportCell.Number(ReportData.Ratio(reached[i].Length, reached[0].Length))],
            i == weakest ? RowMark.Weakest : RowMark.None)).ToList();
        return new ReportSection(id, title,
            [new(ReportText.Of("Report.Col.Stage"), CellKind.Text), new(ReportText.Of("Report.Col.Reached"), CellKind.Count),
             new(ReportText.Of("Report.Col.StepConversion"), CellKind.Percent), new(ReportText.Of("Report.Col.FromFirst"), CellKind.Percent)],
            rows,
            new ReportChart(ChartKind.Bar, flow.Select(s => s.Name).ToList(),
                [new ChartSeries(ReportText.Of("Report.Col.Reached"), reached.Select(r => (double)r.Length).ToList())]));
    }
}
