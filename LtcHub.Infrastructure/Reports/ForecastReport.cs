using System.Globalization;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Targets;
using LtcHub.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// The forecast. Open sales deals (Lead to Negotiation) by expected close month and currency: the amounts per forecast
/// category and the weighted pipeline (amount × probability, the deal's own or its stage's; omitted deals left out).
/// Slipped deals: close date pushed later during the period, or passed while still open. Coverage: weighted pipeline
/// closing in the period ÷ the signed-amount target still open (target − signed so far). Cash by week: open invoice
/// balances and payment-plan lines not yet invoiced, by due week from today; what is already overdue shown as risk.
/// </summary>
public sealed class ForecastReport : IReport
{
    public const int CashWeeks = 8;

    public string Name => ReportNames.Forecast;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var open = data.Deals().Where(d => d.Stage.OwningTeam == TeamKind.Sales && d.Stage.Key != StageKeys.Won);
        var pipeline = await open.Where(d => d.ExpectedCloseDate >= f.From && d.ExpectedCloseDate <= f.To && d.Amount != null)
            .Select(d => new { d.Id, d.Amount, d.Currency, d.ExpectedCloseDate, d.Forecast, Probability = d.ProbabilityOverride ?? d.Stage.Probability })
            .ToListAsync(cancellationToken);
        var categories = new[] { ForecastCategory.Commit, ForecastCategory.BestCase, ForecastCategory.Pipeline, ForecastCategory.Omitted };
        var monthRows = pipeline
            .GroupBy(d => (Month: new DateOnly(d.ExpectedCloseDate!.Value.Year, d.ExpectedCloseDate.Value.Month, 1), Currency: ReportData.CurrencyOf(d.Currency)))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Currency)
            .Select(g =>
            {
                var cells = new List<ReportCell>
                {
                    ReportCell.Label(ReportText.Raw(g.Key.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture))),
                    ReportCell.Label(ReportText.Raw(g.Key.Currency)),
                };
                cells.AddRange(categories.Select(c => ReportCell.Money(g.Where(d => d.Forecast == c).Sum(d => d.Amount!.Value), g.Key.Currency,
                    ReportData.Ids(g.Where(d => d.Forecast == c).Select(d => d.Id)))));
                var counted = g.Where(d => d.Forecast != ForecastCategory.Omitted).ToList();
                cells.Add(ReportCell.Money(Weighted(counted.Select(d => (d.Amount!.Value, d.Probability))), g.Key.Currency, ReportData.Ids(counted.Select(d => d.Id))));
                return new ReportRow(cells);
            }).ToList();
        var monthColumns = new List<ReportColumn> { new(ReportText.Of("Report.Col.CloseMonth"), CellKind.Text), new(ReportText.Of("Report.Col.Currency"), CellKind.Text) };
        monthColumns.AddRange(categories.Select(c => new ReportColumn(ReportText.Of("Forecast." + c), CellKind.Money)));
        monthColumns.Add(new(ReportText.Of("Report.Col.Weighted"), CellKind.Money));
        var byMonth = new ReportSection("pipeline", ReportText.Of("Report.Forecast.Pipeline"), monthColumns, monthRows,
            new ReportChart(ChartKind.Bar, monthRows.Select(r => ReportText.Raw($"{r.Cells[0].Text!.En} {r.Cells[1].Text!.En}")).ToList(),
                [new ChartSeries(ReportText.Of("Report.Col.Weighted"), monthRows.Select(r => (double)(r.Cells[^1].Value ?? 0)).ToList())]));

        var slipped = await SlippedAsync(data, open, cancellationToken);

        var signedTargets = await TargetsReport.TargetsForAsync(data, TargetMeasure.Signed, cancellationToken);
        var signed = (await data.Contracts().Where(c => c.SignedDate >= f.From && c.SignedDate <= f.To)
            .GroupBy(c => c.Currency).Select(g => new { Currency = g.Key, Cents = g.Sum(c => (long)Math.Round((double)c.Amount * 100)) }).ToListAsync(cancellationToken))
            .Select(x => new { x.Currency, Amount = x.Cents / 100m }).ToList();
        var currencies = signedTargets.Keys.Concat(signed.Select(s => ReportData.CurrencyOf(s.Currency)))
            .Concat(pipeline.Select(p => ReportData.CurrencyOf(p.Currency))).Distinct().Order();
        var coverageRows = currencies.Select(currency =>
        {
            var target = signedTargets.GetValueOrDefault(currency);
            var done = signed.Where(s => ReportData.CurrencyOf(s.Currency) == currency).Sum(s => s.Amount);
            var counted = pipeline.Where(p => ReportData.CurrencyOf(p.Currency) == currency && p.Forecast != ForecastCategory.Omitted).ToList();
            var weighted = Weighted(counted.Select(p => (p.Amount!.Value, p.Probability)));
            var gap = target is null ? (decimal?)null : Math.Max(0, target.Value - done);
            var coverage = gap is { } g ? ReportData.Ratio(weighted, g) : null;
            return new ReportRow(
            [
                ReportCell.Label(ReportText.Raw(currency)), new ReportCell(Value: target, Currency: currency), ReportCell.Money(done, currency),
                new ReportCell(Value: gap, Currency: currency), ReportCell.Money(weighted, currency, ReportData.Ids(counted.Select(p => p.Id))),
                ReportCell.Number(coverage),
            ], coverage is null ? RowMark.None : coverage >= 3 ? RowMark.Green : coverage >= 1 ? RowMark.Amber : RowMark.Red);
        }).ToList();
        var coverageSection = new ReportSection("coverage", ReportText.Of("Report.Forecast.Coverage"),
            [new(ReportText.Of("Report.Col.Currency"), CellKind.Text), new(ReportText.Of("Report.Col.Target"), CellKind.Money),
             new(ReportText.Of("Report.Col.Signed"), CellKind.Money), new(ReportText.Of("Report.Col.TargetOpen"), CellKind.Money),
             new(ReportText.Of("Report.Col.Weighted"), CellKind.Money), new(ReportText.Of("Report.Col.CoverageRatio"), CellKind.Percent)],
            coverageRows);

        var cash = await CashAsync(data, cancellationToken);
        return [byMonth, coverageSection, slipped, cash];
    }

    internal static decimal Weighted(IEnumerable<(decimal Amount, int Probability)> deals) => Math.Round(deals.Sum(d => d.Amount * d.Probability / 100m), 2);

    private static async Task<ReportSection> SlippedAsync(ReportData data, IQueryable<Deal> open, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        // Every close date pushed later in the period, from the filtered index of close-date changes alone; which of those deals
        // are open and readable is asked below with the deals themselves (a deal-by-deal seek into the audit log costs more).
        var pushes = (await data.Db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == Deal.EntityType && a.Field == DealFields.ExpectedCloseDate && a.AtUtc >= f.FromUtc && a.AtUtc < f.EndUtc
                    && a.OldValue != null && (a.NewValue == null || string.Compare(a.NewValue, a.OldValue) > 0))
                .Select(a => new { a.EntityId, a.AtUtc, a.OldValue, a.NewValue }).ToListAsync(cancellationToken))
            .Select(a => (Deal: int.Parse(a.EntityId, CultureInfo.InvariantCulture), a.AtUtc, Old: ParseDate(a.OldValue), New: ParseDate(a.NewValue)))
            .Where(a => a.Old is { } o && (a.New is not { } n || n > o))
            .GroupBy(a => a.Deal)
            .ToDictionary(g => g.Key, g => (First: g.Min(a => a.Old!.Value), Count: g.Count()));
        var pushedIds = pushes.Keys.ToList();
        var today = data.Today;
        var deals = await open.Where(d => EF.Parameter(pushedIds).Contains(d.Id) || (d.ExpectedCloseDate != null && d.ExpectedCloseDate < today))
            .OrderBy(d => d.ExpectedCloseDate).ThenBy(d => d.Id).Take(500)
            .Select(d => new { d.Id, d.Name, d.OwnerId, d.Amount, d.Currency, d.ExpectedCloseDate }).ToListAsync(cancellationToken);
        var rows = deals.Select(d => new ReportRow(
        [
            new ReportCell(Text: ReportText.Raw(d.Name), Deals: [d.Id]), ReportCell.Label(data.OwnerName(d.OwnerId)),
            ReportCell.Label(ReportText.Raw(pushes.TryGetValue(d.Id, out var p) ? p.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")),
            ReportCell.Label(ReportText.Raw(d.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")),
            ReportCell.Number(pushes.TryGetValue(d.Id, out var q) ? q.Count : 0),
            new ReportCell(Value: d.Amount, Currency: ReportData.CurrencyOf(d.Currency)),
        ], d.ExpectedCloseDate < today ? RowMark.Red : RowMark.Amber)).ToList();
        return new ReportSection("slipped", ReportText.Of("Report.Forecast.Slipped"),
            [new(ReportText.Of("Report.Col.Deal"), CellKind.Text), new(ReportText.Of("Report.Col.Owner"), CellKind.Text),
             new(ReportText.Of("Report.Col.WasClosing"), CellKind.Text), new(ReportText.Of("Report.Col.ClosingNow"), CellKind.Text),
             new(ReportText.Of("Report.Col.Pushes"), CellKind.Count), new(ReportText.Of("Report.Col.Amount"), CellKind.Money)],
            rows);
    }

    private static async Task<ReportSection> CashAsync(ReportData data, CancellationToken cancellationToken)
    {
        var today = data.Today;
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var horizon = weekStart.AddDays(7 * CashWeeks);
        // Balances in whole cents: decimal arithmetic on SQLite calls back into .NET for every row.
        var invoices = (await data.Invoices().Where(i => (double)i.PaidAmount < (double)i.Amount && i.DueDate < horizon)
                .Select(i => new { i.DealId, i.DueDate, i.Currency, Cents = (long)Math.Round((double)i.Amount * 100) - (long)Math.Round((double)i.PaidAmount * 100) })
                .ToListAsync(cancellationToken))
            .Select(i => new { i.DealId, i.DueDate, i.Currency, Balance = i.Cents / 100m }).ToList();
        var planned = await (from l in data.Db.PaymentPlanLines.AsNoTracking()
                             join c in data.Contracts() on l.ContractId equals c.Id
                             where l.DueDate >= today && l.DueDate < horizon
                                   && !data.Db.Invoices.Any(i => i.PaymentPlanLineId == l.Id)
                             select new { c.DealId, l.DueDate, c.Currency, l.Amount }).ToListAsync(cancellationToken);
        var currencies = invoices.Select(i => ReportData.CurrencyOf(i.Currency)).Concat(planned.Select(p => ReportData.CurrencyOf(p.Currency))).Distinct().Order().ToList();
        var rows = new List<ReportRow>();
        foreach (var currency in currencies)
        {
            var overdue = invoices.Where(i => ReportData.CurrencyOf(i.Currency) == currency && i.DueDate < today).ToList();
            rows.Add(new ReportRow(
            [
                ReportCell.Label(ReportText.Of("Report.Forecast.OverdueRisk")), ReportCell.Label(ReportText.Raw(currency)),
                ReportCell.Money(overdue.Sum(i => i.Balance), currency, ReportData.Ids(overdue.Select(i => i.DealId))), ReportCell.Money(0, currency),
                ReportCell.Money(overdue.Sum(i => i.Balance), currency, ReportData.Ids(overdue.Select(i => i.DealId))),
            ], RowMark.Red));
            for (var w = 0; w < CashWeeks; w++)
            {
                var start = weekStart.AddDays(7 * w);
                var end = start.AddDays(7);
                var due = invoices.Where(i => ReportData.CurrencyOf(i.Currency) == currency && i.DueDate >= (w == 0 ? today : start) && i.DueDate < end).ToList();
                var plan = planned.Where(p => ReportData.CurrencyOf(p.Currency) == currency && p.DueDate >= start && p.DueDate < end).ToList();
                rows.Add(new ReportRow(
                [
                    ReportCell.Label(ReportText.Raw(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), ReportCell.Label(ReportText.Raw(currency)),
                    ReportCell.Money(due.Sum(i => i.Balance), currency, ReportData.Ids(due.Select(i => i.DealId))),
                    ReportCell.Money(plan.Sum(p => p.Amount), currency, ReportData.Ids(plan.Select(p => p.DealId))),
                    ReportCell.Money(due.Sum(i => i.Balance) + plan.Sum(p => p.Amount), currency, ReportData.Ids(due.Select(i => i.DealId).Concat(plan.Select(p => p.DealId)))),
                ]));
            }
        }

        return new ReportSection("cash", ReportText.Of("Report.Forecast.Cash"),
            [new(ReportText.Of("Report.Col.WeekStarting"), CellKind.Text), new(ReportText.Of("Report.Col.Currency"), CellKind.Text),
             new(ReportText.Of("Report.Col.InvoicesDue"), CellKind.Money), new(ReportText.Of("Report.Col.PlanNotInvoiced"), CellKind.Money),
             new(ReportText.Of("Report.Col.Expected"), CellKind.Money)],
            rows,
            new ReportChart(ChartKind.Bar, rows.Select(r => ReportText.Raw($"{(r.Cells[0].Text!.Key is null ? r.Cells[0].Text!.En : "!")} {r.Cells[1].Text!.En}")).ToList(),
                [new ChartSeries(ReportText.Of("Report.Col.Expected"), rows.Select(r => (double)(r.Cells[4].Value ?? 0)).ToList())]));
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
