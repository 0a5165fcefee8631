using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// Time in stage, from the deals' stage moves: for every exit from a stage in the period, the days since the deal entered it
/// (the move before, or its creation); median and 90th percentile per stage against the period before; the deals
/// now over each stage's limit (its days-until-stale); and work in progress per stage at each week's end against the
/// stages' WIP limits (operations' capacity).
/// </summary>
public sealed class TimeInStageReport : IReport
{
    public string Name => ReportNames.TimeInStage;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var previous = f.Previous();
        var since = previous.FromUtc;
        var end = f.EndUtc;
        var deals = data.Deals();
        // Every stay that ended in the period or the one before, with when it began (kept on each move): no history to replay.
        var exits = await ReportData.ReadLinesAsync(
            data.StageLines(deals).Where(m => m.AtUtc >= since && m.AtUtc < end && m.From != null && m.EnteredAtUtc != null), cancellationToken);
        var intervals = exits.Select(m => (Deal: m.DealId, Stage: m.From!, In: m.EnteredAtUtc!.Value, Out: m.AtUtc)).ToList();

        var current = await deals.Where(d => d.EnteredStageAtUtc < end && d.Stage.Key != StageKeys.Lost && d.Stage.Key != StageKeys.Paid)
            .Select(d => new { d.Id, d.Stage.Key, d.EnteredStageAtUtc }).ToListAsync(cancellationToken);
        var flow = data.FlowStages.Where(s => s.Key != StageKeys.Paid).ToList();

        var durations = Durations(intervals, f.FromUtc, end);
        var before = Durations(intervals, since, f.FromUtc);
        var statRows = flow.Select(s =>
        {
            var now = durations.GetValueOrDefault(s.Key) ?? [];
            var then = before.GetValueOrDefault(s.Key) ?? [];
            return new ReportRow(
            [
                ReportCell.Label(s.Name), ReportCell.Number(now.Count, ReportData.Ids(intervals.Where(i => i.Stage == s.Key && i.Out >= f.FromUtc && i.Out < end).Select(i => i.Deal))),
                ReportCell.Number(ReportData.Percentile(now.Select(d => d.Days).ToList(), 0.5)),
                ReportCell.Number(ReportData.Percentile(now.Select(d => d.Days).ToList(), 0.9)),
                ReportCell.Number(ReportData.Percentile(then.Select(d => d.Days).ToList(), 0.5)),
                ReportCell.Number(ReportData.Percentile(then.Select(d => d.Days).ToList(), 0.9)),
                ReportCell.Number(s.DaysLimit),
            ]);
        }).ToList();
        var stats = new ReportSection("days", ReportText.Of("Report.Time.Days"),
            [new(ReportText.Of("Report.Col.Stage"), CellKind.Text), new(ReportText.Of("Report.Col.Exits"), CellKind.Count),
             new(ReportText.Of("Report.Col.Median"), CellKind.Days), new(ReportText.Of("Report.Col.P90"), CellKind.Days),
             new(ReportText.Of("Report.Col.PrevMedian"), CellKind.Days), new(ReportText.Of("Report.Col.PrevP90"), CellKind.Days),
             new(ReportText.Of("Report.Col.Limit"), CellKind.Count)],
            statRows,
            new ReportChart(ChartKind.Bar, flow.Select(s => s.Name).ToList(),
            [
                new ChartSeries(ReportText.Of("Report.Col.Median"), statRows.Select(r => (double)(r.Cells[2].Value ?? 0)).ToList()),
                new ChartSeries(ReportText.Of("Report.Col.P90"), statRows.Select(r => (double)(r.Cells[3].Value ?? 0)).ToList()),
            ]));

        var overRows = flow.Where(s => s.DaysLimit is not null).Select(s =>
        {
            var over = current.Where(c => c.Key == s.Key && ReportData.DaysBetween(c.EnteredStageAtUtc, data.NowUtc) > s.DaysLimit!.Value).ToList();
            return new ReportRow([ReportCell.Label(s.Name), ReportCell.Number(s.DaysLimit), ReportCell.Number(over.Count, ReportData.Ids(over.Select(o => o.Id))),
                ReportCell.Number(over.Count == 0 ? null : over.Max(o => ReportData.DaysBetween(o.EnteredStageAtUtc, data.NowUtc)))],
                over.Count > 0 ? RowMark.Red : RowMark.None);
        }).ToList();
        var overLimit = new ReportSection("over-limit", ReportText.Of("Report.Time.OverLimit"),
            [new(ReportText.Of("Report.Col.Stage"), CellKind.Text), new(ReportText.Of("Report.Col.Limit"), CellKind.Count),
             new(ReportText.Of("Report.Col.OverLimit"), CellKind.Count), new(ReportText.Of("Report.Col.LongestDays"), CellKind.Days)],
            overRows);

        var points = WeekEnds(f).Select(day =>
        {
            var end = CompanyTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            return (Day: day, At: end > data.NowUtc ? data.NowUtc : end);
        }).ToList();
        var wipStages = flow.Where(s => s.Team != Domain.Teams.TeamKind.Sales || s.WipLimit is not null).ToList();
        var columns = wipStages.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var cells = points.Select(_ => wipStages.Select(_ => new List<int>()).ToArray()).ToArray();
        var moments = points.Select(p => p.At).ToArray();

        // A stay counts at every week end after it began and not after it ended: one pass over the stays, a binary search for the first.
        void Count(int deal, string stage, DateTime stayIn, DateTime stayOut)
        {
            if (!columns.TryGetValue(stage, out var column))
            {
                return;
            }

            var first = Array.BinarySearch(moments, stayIn);
            for (var p = first < 0 ? ~first : first + 1; p < moments.Length && moments[p] <= stayOut; p++)
            {
                cells[p][column].Add(deal);
            }
        }

        foreach (var stay in intervals)
        {
            Count(stay.Deal, stay.Stage, stay.In, stay.Out);
        }

        foreach (var position in current)
        {
            Count(position.Id, position.Key, position.EnteredStageAtUtc, DateTime.MaxValue);
        }

        var wipRows = points.Select((point, p) =>
        {
            var row = new List<ReportCell> { ReportCell.Label(ReportText.Raw(point.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))) };
            var over = false;
            for (var c = 0; c < wipStages.Count; c++)
            {
                var ids = ReportData.Ids(cells[p][c]);
                over |= wipStages[c].WipLimit is { } limit && ids.Count > limit;
                row.Add(ReportCell.Number(ids.Count, ids));
            }

            return new ReportRow(row, over ? RowMark.Red : RowMark.None);
        }).ToList();
        var wipColumns = new List<ReportColumn> { new(ReportText.Of("Report.Col.WeekEnding"), CellKind.Text) };
        wipColumns.AddRange(wipStages.Select(s => new ReportColumn(s.WipLimit is { } limit ? ReportText.Of("Report.Col.StageLimit", s.Name, limit) : s.Name, CellKind.Count)));
        var wip = new ReportSection("wip", ReportText.Of("Report.Time.Wip"), wipColumns, wipRows,
            new ReportChart(ChartKind.Line, wipRows.Select(r => r.Cells[0].Text!).ToList(),
                wipStages.Select((s, i) => new ChartSeries(s.Name, wipRows.Select(r => (double)(r.Cells[i + 1].Value ?? 0)).ToList())).ToList()));
        return [stats, overLimit, wip];
    }

    private static Dictionary<string, List<(int Deal, decimal Days)>> Durations(
        IEnumerable<(int Deal, string Stage, DateTime In, DateTime Out)> intervals, DateTime fromUtc, DateTime endUtc) =>
        intervals.Where(i => i.Out >= fromUtc && i.Out < endUtc)
            .GroupBy(i => i.Stage)
            .ToDictionary(g => g.Key, g => g.Select(i => (i.Deal, ReportData.DaysBetween(i.In, i.Out))).OrderBy(x => x.Item2).ToList());

    /// <summary>The period's week ends (Sundays) and its last day; at most 27 points (a longer period: month ends).</summary>
    internal static IEnumerable<DateOnly> WeekEnds(ReportFilter filter)
    {
        var step = filter.Days > 189 ? 0 : 7;
        var day = step == 0 ? new DateOnly(filter.From.Year, filter.From.Month, 1).AddMonths(1).AddDays(-1) : filter.From.AddDays((7 - (int)filter.From.DayOfWeek) % 7);
        while (day < filter.To)
        {
            yield return day;
            day = step == 0 ? day.AddDays(1).AddMonths(1).AddDays(-1) : day.AddDays(step);
        }

        yield return filter.To;
    }
}
