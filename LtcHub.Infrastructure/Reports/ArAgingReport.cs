using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// Receivables. Aging: open invoice balances today by days past the due date — current (not yet due), then the
/// configured buckets (1–30, 31–60, 61–90, over 90 by default) — by account, owner or segment, per currency.
/// DSO = receivables at the period's end (invoiced up to then, less payments dated up to then) ÷ invoiced in the
/// period × days in the period, per currency.
/// </summary>
public sealed class ArAgingReport : IReport
{
    public string Name => ReportNames.ArAging;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var today = data.Today;
        var open = await (from i in data.Invoices()
                          join a in data.Db.Accounts on i.AccountId equals a.Id
                          join d in data.Db.Deals on i.DealId equals d.Id
                          where (double)i.PaidAmount < (double)i.Amount   // native on SQLite (decimals are text there; a decimal comparison calls back into .NET per row)
                          select new { i.DealId, AccountId = a.Id, a.Name, a.Level, d.OwnerId, i.Currency, i.DueDate, Balance = i.Amount - i.PaidAmount })
            .ToListAsync(cancellationToken);
        var bounds = f.AgingBuckets;
        var by = f.By is ReportGrouping.Owner or ReportGrouping.Segment ? f.By.Value : ReportGrouping.Account;
        var rows = open.GroupBy(i => (Group: by switch
                {
                    ReportGrouping.Owner => i.OwnerId,
                    ReportGrouping.Segment => i.Level.ToString(),
                    _ => i.AccountId.ToString(CultureInfo.InvariantCulture),
                }, Currency: ReportData.CurrencyOf(i.Currency)))
            .Select(g =>
            {
                var first = g.First();
                var label = by switch
                {
                    ReportGrouping.Owner => data.OwnerName(first.OwnerId),
                    ReportGrouping.Segment => ReportText.Of("Report.Segment", first.Level.ToString()),
                    _ => ReportText.Raw(first.Name),
                };
                var cells = new List<ReportCell> { ReportCell.Label(label), ReportCell.Label(ReportText.Raw(g.Key.Currency)) };
                for (var b = 0; b <= bounds.Count + 1; b++)
                {
                    var inBucket = g.Where(i => Bucket(today.DayNumber - i.DueDate.DayNumber, bounds) == b).ToList();
                    cells.Add(ReportCell.Money(inBucket.Sum(i => i.Balance), g.Key.Currency, ReportData.Ids(inBucket.Select(i => i.DealId))));
                }

                cells.Add(ReportCell.Money(g.Sum(i => i.Balance), g.Key.Currency, ReportData.Ids(g.Select(i => i.DealId))));
                var oldest = g.Max(i => today.DayNumber - i.DueDate.DayNumber);
                return new ReportRow(cells, oldest > bounds[^1] ? RowMark.Red : oldest > 0 ? RowMark.Amber : RowMark.None);
            })
            .OrderBy(r => r.Cells[1].Text!.En).ThenByDescending(r => r.Cells[^1].Value)
            .ToList();
        var columns = new List<ReportColumn>
        {
            new(ReportText.Of("Report.By." + by), CellKind.Text), new(ReportText.Of("Report.Col.Currency"), CellKind.Text),
        };
        columns.AddRange(BucketTitles(bounds).Select(t => new ReportColumn(t, CellKind.Money)));
        columns.Add(new(ReportText.Of("Report.Col.Total"), CellKind.Money));
        var totals = open.GroupBy(i => ReportData.CurrencyOf(i.Currency)).OrderBy(g => g.Key).ToList();
        var aging = new ReportSection("aging", ReportText.Of("Report.Ar.Aging"), columns, rows,
            new ReportChart(ChartKind.Bar, BucketTitles(bounds).ToList(),
                totals.Select(t => new ChartSeries(ReportText.Raw(t.Key),
                    Enumerable.Range(0, bounds.Count + 2).Select(b => (double)t.Where(i => Bucket(today.DayNumber - i.DueDate.DayNumber, bounds) == b).Sum(i => i.Balance)).ToList()))
                .ToList()));

        return [aging, await DsoAsync(data, cancellationToken)];
    }

    /// <summary>The DSO section alone (the shared KPIs read it too): receivables at the period's end, invoiced in it, days, DSO, per currency.</summary>
    internal static async Task<ReportSection> DsoAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        // Sums in whole cents (native integer sums on SQLite, exact; a decimal sum there calls back into .NET per row).
        var issued = (await data.Invoices().Where(i => i.IssueDate >= f.From && i.IssueDate <= f.To)
            .GroupBy(i => i.Currency).Select(g => new { Currency = g.Key, Cents = g.Sum(i => (long)Math.Round((double)i.Amount * 100)) }).ToListAsync(cancellationToken))
            .Select(x => new { x.Currency, Amount = x.Cents / 100m }).ToList();
        // Receivable at the end = invoiced up to then − paid up to then on those invoices (a payment never exceeds its invoice):
        // two sums, not a sum per invoice.
        var billedToEnd = (await data.Invoices().Where(i => i.IssueDate <= f.To)
            .GroupBy(i => i.Currency).Select(g => new { Currency = g.Key, Cents = g.Sum(i => (long)Math.Round((double)i.Amount * 100)) }).ToListAsync(cancellationToken))
            .Select(x => new { x.Currency, Amount = x.Cents / 100m }).ToList();
        var paidToEnd = (await (from p in data.Db.Payments.AsNoTracking()
                                join i in data.Invoices() on p.InvoiceId equals i.Id
                                where i.IssueDate <= f.To && p.Date <= f.To
                                group p.Amount by i.Currency into g
                                select new { Currency = g.Key, Cents = g.Sum(a => (long)Math.Round((double)a * 100)) }).ToListAsync(cancellationToken))
            .Select(x => new { x.Currency, Amount = x.Cents / 100m }).ToList();
        var receivable = billedToEnd.Select(b => new
        {
            b.Currency,
            Amount = b.Amount - paidToEnd.Where(p => p.Currency == b.Currency).Sum(p => p.Amount),
        }).ToList();
        var dsoRows = issued.Select(i => ReportData.CurrencyOf(i.Currency)).Concat(receivable.Select(r => ReportData.CurrencyOf(r.Currency))).Distinct().Order()
            .Select(currency =>
            {
                var r = receivable.Where(x => ReportData.CurrencyOf(x.Currency) == currency).Sum(x => x.Amount);
                var i = issued.Where(x => ReportData.CurrencyOf(x.Currency) == currency).Sum(x => x.Amount);
                return new ReportRow(
                [
                    ReportCell.Label(ReportText.Raw(currency)), ReportCell.Money(r, currency), ReportCell.Money(i, currency), ReportCell.Number(f.Days),
                    ReportCell.Number(Dso(r, i, f.Days)),
                ]);
            }).ToList();
        return new ReportSection("dso", ReportText.Of("Report.Ar.Dso"),
            [new(ReportText.Of("Report.Col.Currency"), CellKind.Text), new(ReportText.Of("Report.Col.ReceivableAtEnd"), CellKind.Money),
             new(ReportText.Of("Report.Col.Invoiced"), CellKind.Money), new(ReportText.Of("Report.Col.DaysInPeriod"), CellKind.Count),
             new(ReportText.Of("Report.Col.Dso"), CellKind.Days)],
            dsoRows);

    }

    public static decimal? Dso(decimal receivable, decimal invoiced, int days) => invoiced == 0 ? null : Math.Round(receivable / invoiced * days, 1);

    /// <summary>0: current (not past due); 1..n: within the n-th bound; n+1: beyond the last.</summary>
    internal static int Bucket(int daysPastDue, IReadOnlyList<int> bounds)
    {
        if (daysPastDue <= 0)
        {
            return 0;
        }

        for (var b = 0; b < bounds.Count; b++)
        {
            if (daysPastDue <= bounds[b])
            {
                return b + 1;
            }
        }

        return bounds.Count + 1;
    }

    internal static IEnumerable<ReportText> BucketTitles(IReadOnlyList<int> bounds)
    {
        yield return ReportText.Of("Report.Ar.Current");
        var low = 1;
        foreach (var bound in bounds)
        {
            yield return ReportText.Of("Report.Ar.Range", low, bound);
            low = bound + 1;
        }

        yield return ReportText.Of("Report.Ar.Over", bounds[^1]);
    }
}
