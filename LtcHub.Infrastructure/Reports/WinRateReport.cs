using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// Win rate and cycle time. Deals closed in the period — whose last move into Won or Lost in the period decides them —
/// win rate = won ÷ (won + lost), by owner, source, segment (the customer's level) and amount band (in the deal's own
/// currency). Cycle: days from created to won for deals won in the period, from won to paid and from created to paid
/// (the lead-to-cash cycle) for deals paid in the period.
/// </summary>
public sealed class WinRateReport : IReport
{
    /// <summary>The amount bands' upper bounds (the last band is open).</summary>
    public static readonly IReadOnlyList<decimal> Bands = [50_000m, 200_000m, 1_000_000m];

    public string Name => ReportNames.WinRate;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var deals = data.Deals();
        var closing = await ReportData.ReadLinesAsync(data.StageLines(deals)
            .Where(a => a.AtUtc >= f.FromUtc && a.AtUtc < f.EndUtc && (a.To == StageKeys.Won || a.To == StageKeys.Lost || a.To == StageKeys.Paid)),
            cancellationToken);
        var outcome = closing.Where(l => l.To != StageKeys.Paid).GroupBy(l => l.DealId)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.AtUtc).Last());
        var paidIds = closing.Where(l => l.To == StageKeys.Paid).Select(l => l.DealId).Distinct().ToList();
        var wonLines = await ReportData.ReadLinesAsync(data.StageLines(deals.Where(d => EF.Parameter(paidIds).Contains(d.Id))).Where(a => a.To == StageKeys.Won), cancellationToken);
        var ids = outcome.Keys.Concat(paidIds).Distinct().ToList();
        var facts = await deals.Where(d => EF.Parameter(ids).Contains(d.Id))
            .Select(d => new
            {
                d.Id,
                d.OwnerId,
                d.Amount,
                d.Currency,
                d.CreatedAtUtc,
                Account = data.Db.Accounts.Where(a => a.Id == d.AccountId).Select(a => new { a.Source, a.Level }).FirstOrDefault(),
            })
            .ToDictionaryAsync(d => d.Id, cancellationToken);

        var closed = outcome.Where(o => facts.ContainsKey(o.Key)).Select(o => (Id: o.Key, Won: o.Value.To == StageKeys.Won, Fact: facts[o.Key], o.Value.AtUtc)).ToList();
        var byOwner = Breakdown("owner", ReportText.Of("Report.By.Owner"), closed.Select(c => (c.Id, c.Won, (c.Fact.OwnerId, data.OwnerName(c.Fact.OwnerId)))).ToList());
        var bySource = Breakdown("source", ReportText.Of("Report.By.Source"), closed.Select(c => (c.Id, c.Won,
            c.Fact.Account?.Source is { } s ? (s.ToString(), ReportText.Of("LeadSource." + s)) : ("", ReportText.Of("Report.NoSource")))).ToList());
        var bySegment = Breakdown("segment", ReportText.Of("Report.By.Segment"), closed.Select(c => (c.Id, c.Won,
            c.Fact.Account is { } a ? (a.Level.ToString(), ReportText.Of("Report.Segment", a.Level.ToString())) : ("", ReportText.Of("Report.NoSegment")))).ToList());
        var byBand = Breakdown("band", ReportText.Of("Report.By.AmountBand"), closed.Select(c => (c.Id, c.Won, Band(c.Fact.Amount))).ToList());

        var wonCycles = closed.Where(c => c.Won).Select(c => (c.Id, Days: ReportData.DaysBetween(c.Fact.CreatedAtUtc, c.AtUtc))).ToList();
        var paid = closing.Where(l => l.To == StageKeys.Paid && facts.ContainsKey(l.DealId)).GroupBy(l => l.DealId).Select(g => g.OrderBy(l => l.AtUtc).Last()).ToList();
        var wonByDeal = wonLines.ToLookup(w => w.DealId);
        var wonToPaid = paid.Select(p => (Id: p.DealId, Won: wonByDeal[p.DealId].Where(w => w.AtUtc <= p.AtUtc).Select(w => (DateTime?)w.AtUtc).Min(), p.AtUtc))
            .Where(p => p.Won is not null).Select(p => (p.Id, Days: ReportData.DaysBetween(p.Won!.Value, p.AtUtc))).ToList();
        var leadToCash = paid.Select(p => (Id: p.DealId, Days: ReportData.DaysBetween(facts[p.DealId].CreatedAtUtc, p.AtUtc))).ToList();
        var cycleRows = new[]
        {
            (Label: ReportText.Of("Report.Cycle.LeadToWon"), Items: wonCycles),
            (Label: ReportText.Of("Report.Cycle.WonToPaid"), Items: wonToPaid),
            (Label: ReportText.Of("Report.Cycle.LeadToCash"), Items: leadToCash),
        }.Select(c =>
        {
            var sorted = c.Items.Select(i => i.Days).Order().ToList();
            return new ReportRow(
            [
                ReportCell.Label(c.Label), ReportCell.Number(sorted.Count, ReportData.Ids(c.Items.Select(i => i.Id))),
                ReportCell.Number(ReportData.Percentile(sorted, 0.5)),
                ReportCell.Number(sorted.Count == 0 ? null : Math.Round(sorted.Average(), 2)),
                ReportCell.Number(ReportData.Percentile(sorted, 0.9)),
            ]);
        }).ToList();
        var cycle = new ReportSection("cycle", ReportText.Of("Report.Cycle.Title"),
            [new(ReportText.Of("Report.Col.Span"), CellKind.Text), new(ReportText.Of("Report.Col.Deals"), CellKind.Count),
             new(ReportText.Of("Report.Col.Median"), CellKind.Days), new(ReportText.Of("Report.Col.Average"), CellKind.Days),
             new(ReportText.Of("Report.Col.P90"), CellKind.Days)],
            cycleRows);
        return [byOwner, bySource, bySegment, byBand, cycle];
    }

    internal static (string Key, ReportText Label) Band(decimal? amount)
    {
        if (amount is not { } value)
        {
            return ("none", ReportText.Of("Report.Band.None"));
        }

        for (var i = 0; i < Bands.Count; i++)
        {
            if (value < Bands[i])
            {
                return (i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    i == 0 ? ReportText.Of("Report.Band.Below", Bands[0]) : ReportText.Of("Report.Band.Between", Bands[i - 1], Bands[i]));
            }
        }

        return (Bands.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportText.Of("Report.Band.Above", Bands[^1]));
    }

    private static ReportSection Breakdown(string id, ReportText title, IReadOnlyList<(int Id, bool Won, (string Key, ReportText Label) Group)> closed)
    {
        var rows = closed.GroupBy(c => c.Group.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var won = g.Where(c => c.Won).Select(c => c.Id).ToList();
            var lost = g.Where(c => !c.Won).Select(c => c.Id).ToList();
            return new ReportRow(
            [
                ReportCell.Label(g.First().Group.Label), ReportCell.Number(won.Count, ReportData.Ids(won)), ReportCell.Number(lost.Count, ReportData.Ids(lost)),
                ReportCell.Number(ReportData.Ratio(won.Count, won.Count + lost.Count)),
            ]);
        }).ToList();
        return new ReportSection(id, title,
            [new(title, CellKind.Text), new(ReportText.Of("Report.Col.Won"), CellKind.Count), new(ReportText.Of("Report.Col.Lost"), CellKind.Count),
             new(ReportText.Of("Report.Col.WinRate"), CellKind.Percent)],
            rows,
            new ReportChart(ChartKind.Bar, rows.Select(r => r.Cells[0].Text!).ToList(),
                [new ChartSeries(ReportText.Of("Report.Col.WinRate"), rows.Select(r => (double)((r.Cells[3].Value ?? 0) * 100)).ToList())]));
    }
}
