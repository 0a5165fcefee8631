using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Persistence;
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
        // Every stay that ended in the period, with when it began (kept on each move): no history to replay. Read as whole
        // seconds, not text dates; the period before only as counts of equal durations per stage (a year has ~175,000 stays).
        var (exits, before) = await data.BothAsync(
            d => d.StageLines().Where(m => m.AtUtc >= f.FromUtc && m.AtUtc < end && m.From != null && m.EnteredAtUtc != null)
                .Select(m => new { m.DealId, m.From, In = ReportSql.Seconds(m.EnteredAtUtc!.Value), Out = ReportSql.Seconds(m.AtUtc) })
                .ToListAsync(cancellationToken),
            d => BeforeAsync(d, since, f.FromUtc, cancellationToken), cancellationToken);
        var intervals = exits.Select(m => new Stay(m.DealId, m.From!, m.In, m.Out)).ToList();

        var current = (await deals.Where(d => d.EnteredStageAtUtc < end && d.Stage.Key != StageKeys.Lost && d.Stage.Key != StageKeys.Paid)
                .Select(d => new { d.Id, d.Stage.Key, In = ReportSql.Seconds(d.EnteredStageAtUtc) }).ToListAsync(cancellationToken))
            .Select(d => new Stay(d.Id, d.Key, d.In, long.MaxValue)).ToList();
        var flow = data.FlowStages.Where(s => s.Key != StageKeys.Paid).ToList();

        var now = ReportSql.SecondsOf(data.NowUtc);
        var durations = intervals.GroupBy(i => i.Stage).ToDictionary(g => g.Key, g => (Deals: g.Select(i => i.Deal).ToList(), Days: DaysView.Of(g.Select(i => i.Out - i.In))));
        var statRows = flow.Select(s =>
        {
            var (ids, days) = durations.GetValueOrDefault(s.Key, ([], DaysView.Empty));
            var then = before.GetValueOrDefault(s.Key, DaysView.Empty);
            return new ReportRow(
            [
                ReportCell.Label(s.Name), ReportCell.Number(days.Count, ReportData.Ids(ids)),
                ReportCell.Number(ReportData.Percentile(days, 0.5)), ReportCell.Number(ReportData.Percentile(days, 0.9)),
                ReportCell.Number(ReportData.Percentile(then, 0.5)), ReportCell.Number(ReportData.Percentile(then, 0.9)),
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
            var over = current.Where(c => c.Stage == s.Key && Days(c.In, now) > s.DaysLimit!.Value).ToList();
            return new ReportRow([ReportCell.Label(s.Name), ReportCell.Number(s.DaysLimit), ReportCell.Number(over.Count, ReportData.Ids(over.Select(o => o.Deal))),
                ReportCell.Number(over.Count == 0 ? null : over.Max(o => Days(o.In, now)))],
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
        var moments = points.Select(p => ReportSql.SecondsOf(p.At)).ToArray();

        // A stay counts at every week end after it began and not after it ended: one pass over the stays, a binary search for the first.
        foreach (var stay in intervals.Concat(current))
        {
            if (!columns.TryGetValue(stay.Stage, out var column))
            {
                continue;
            }

            var first = Array.BinarySearch(moments, stay.In);
            for (var p = first < 0 ? ~first : first + 1; p < moments.Length && moments[p] <= stay.Out; p++)
            {
                cells[p][column].Add(stay.Deal);
            }
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

    /// <summary>A deal's stay in a stage, in seconds since 1970 (<see cref="ReportSql.Seconds"/>); one still going ends at <see cref="long.MaxValue"/>.</summary>
    private readonly record struct Stay(int Deal, string Stage, long In, long Out);

    /// <summary>
    /// The stays that ended in [<paramref name="fromUtc"/>, <paramref name="endUtc"/>) per stage, counted in the database by their
    /// length in 432-second steps (half a hundredth of a day) and whether they end exactly on a step: every length within such a
    /// group rounds to the same hundredth, so the percentiles are the ones the stays themselves would give.
    /// </summary>
    private static async Task<Dictionary<string, DaysView>> BeforeAsync(ReportData data, DateTime fromUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        var groups = await data.StageLines().Where(m => m.AtUtc >= fromUtc && m.AtUtc < endUtc && m.From != null && m.EnteredAtUtc != null)
            .Select(m => new { m.From, Length = ReportSql.Seconds(m.AtUtc) - ReportSql.Seconds(m.EnteredAtUtc!.Value) })
            .GroupBy(m => new { m.From, Step = m.Length / HalfHundredth, OnStep = m.Length % HalfHundredth == 0 })
            .Select(g => new { g.Key.From, g.Key.Step, g.Key.OnStep, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return groups.GroupBy(g => g.From!).ToDictionary(g => g.Key, g => DaysView.OfSteps(g.Select(x => (x.Step, x.OnStep, x.Count))));
    }

    internal const long HalfHundredth = 432;

    /// <summary>Days between two moments in whole seconds, to the hundredth (as <see cref="ReportData.DaysBetween"/>).</summary>
    private static decimal Days(long seconds) => Math.Round(seconds / 86_400m, 2);

    private static decimal Days(long inSeconds, long outSeconds) => Days(outSeconds - inSeconds);

    /// <summary>
    /// Stay lengths sorted, read as days only where a percentile looks (rounding keeps the order): lengths with how many stays
    /// had each, and the running count to find the n-th.
    /// </summary>
    internal sealed class DaysView : IReadOnlyList<decimal>
    {
        private readonly long[] _seconds;
        private readonly int[] _upTo;

        private DaysView(long[] seconds, int[] upTo)
        {
            _seconds = seconds;
            _upTo = upTo;
        }

        public static DaysView Empty { get; } = new([], []);

        public static DaysView Of(IEnumerable<long> seconds) => Of(seconds.Select(s => (s, 1)));

        /// <summary>From counts of lengths in <see cref="HalfHundredth"/> steps: one length stands for its group (a second past the step unless on it).</summary>
        public static DaysView OfSteps(IEnumerable<(long Step, bool OnStep, int Count)> steps) =>
            Of(steps.Select(s => (s.Step * HalfHundredth + (s.OnStep ? 0 : 1), s.Count)));

        public static DaysView Of(IEnumerable<(long Seconds, int Count)> lengths)
        {
            var sorted = lengths.OrderBy(l => l.Seconds).ToArray();
            var upTo = new int[sorted.Length];
            var total = 0;
            for (var i = 0; i < sorted.Length; i++)
            {
                upTo[i] = total += sorted[i].Count;
            }

            return new DaysView(sorted.Select(l => l.Seconds).ToArray(), upTo);
        }

        public int Count => _upTo.Length == 0 ? 0 : _upTo[^1];

        public decimal this[int index]
        {
            get
            {
                var at = Array.BinarySearch(_upTo, index + 1);
                return Days(_seconds[at < 0 ? ~at : at]);
            }
        }

        public IEnumerator<decimal> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

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
