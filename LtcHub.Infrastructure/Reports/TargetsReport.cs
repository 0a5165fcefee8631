using LtcHub.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// Attainment against targets (业绩目标) for the months the period touches: per person and per team, on signed amount
/// (contracts signed in the period), collected cash (payments dated in the period) and new customers (accounts whose
/// first contract was signed in the period); target, stretch and challenge summed over the months, attainment, gap, the
/// tier reached. Per currency — amounts are never added across currencies.
/// </summary>
public sealed class TargetsReport : IReport
{
    public string Name => ReportNames.Targets;

    public sealed record Actual(string OwnerId, int? TeamId, TargetMeasure Measure, string Currency, decimal Amount, IReadOnlyList<int> Deals);

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var targets = (await TargetRowsAsync(data, cancellationToken)).Where(t => TargetMeasures.Sales.Contains(t.Measure)).ToList();
        var actuals = await ActualsAsync(data, cancellationToken);
        var people = targets.Where(t => t.UserId is not null).GroupBy(t => (t.UserId, t.Measure, t.Currency)).Select(g => (Key: (Subject: "u:" + g.Key.UserId, g.Key.Measure, g.Key.Currency), Sum: Sum(g)))
            .ToList();
        var teams = targets.Where(t => t.TeamId is not null).GroupBy(t => (t.TeamId, t.Measure, t.Currency)).Select(g => (Key: (Subject: "t:" + g.Key.TeamId, g.Key.Measure, g.Key.Currency), Sum: Sum(g)))
            .ToList();

        // People with results but no target still show (their target "—"), so nothing done goes unseen.
        foreach (var group in actuals.GroupBy(a => (Subject: "u:" + a.OwnerId, a.Measure, a.Currency)))
        {
            if (!people.Any(p => p.Key == group.Key) && (data.Filter.TeamId is null || group.Any(a => a.TeamId == data.Filter.TeamId)))
            {
                people.Add((group.Key, (0m, null, null, false)));
            }
        }

        var peopleRows = people.OrderBy(p => data.OwnerName(p.Key.Subject[2..]).En).ThenBy(p => p.Key.Measure).ThenBy(p => p.Key.Currency)
            .Select(p => Row(data.OwnerName(p.Key.Subject[2..]), p.Key.Measure, p.Key.Currency, p.Sum,
                actuals.Where(a => a.OwnerId == p.Key.Subject[2..] && a.Measure == p.Key.Measure && a.Currency == p.Key.Currency).ToList()))
            .ToList();
        var teamRows = teams.OrderBy(t => data.TeamName(int.Parse(t.Key.Subject[2..], System.Globalization.CultureInfo.InvariantCulture)).En).ThenBy(t => t.Key.Measure)
            .Select(t =>
            {
                var teamId = int.Parse(t.Key.Subject[2..], System.Globalization.CultureInfo.InvariantCulture);
                return Row(data.TeamName(teamId), t.Key.Measure, t.Key.Currency, t.Sum,
                    actuals.Where(a => a.TeamId == teamId && a.Measure == t.Key.Measure && a.Currency == t.Key.Currency).ToList());
            }).ToList();
        return
        [
            Section("people", ReportText.Of("Report.Targets.People"), ReportText.Of("Report.Col.Person"), peopleRows),
            Section("teams", ReportText.Of("Report.Targets.Teams"), ReportText.Of("Report.Col.Team"), teamRows),
        ];
    }

    /// <summary>The signed-amount (or other) target of the filter's subject for the period, per currency: the owner's, else the team's, else every team's.</summary>
    internal static async Task<Dictionary<string, decimal?>> TargetsForAsync(ReportData data, TargetMeasure measure, CancellationToken cancellationToken)
    {
        var rows = (await TargetRowsAsync(data, cancellationToken)).Where(t => t.Measure == measure).ToList();
        var f = data.Filter;
        var chosen = f.OwnerId is { } owner ? rows.Where(t => t.UserId == owner)
            : f.TeamId is { } team ? rows.Where(t => t.TeamId == team)
            : rows.Any(t => t.TeamId is not null) ? rows.Where(t => t.TeamId is not null) : rows.Where(t => t.UserId is not null);
        return chosen.GroupBy(t => t.Currency).ToDictionary(g => g.Key, g => (decimal?)g.Sum(t => t.Target));
    }

    /// <summary>The monthly targets of the months the period touches (everyone may read targets), narrowed to the filter's team or owner unless told not to.</summary>
    internal static async Task<List<SalesTarget>> TargetRowsAsync(ReportData data, CancellationToken cancellationToken, bool narrow = true)
    {
        var f = data.Filter;
        var first = f.From.Year * 12 + f.From.Month - 1;
        var last = f.To.Year * 12 + f.To.Month - 1;
        var rows = await data.Db.Targets.AsNoTracking().Where(t => t.Year * 12 + t.Month - 1 >= first && t.Year * 12 + t.Month - 1 <= last).ToListAsync(cancellationToken);
        if (!narrow)
        {
            return rows;
        }

        if (f.TeamId is { } team)
        {
            var members = (await data.Db.Users.Where(u => u.TeamId == team).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
            rows = rows.Where(t => t.TeamId == team || (t.UserId is not null && members.Contains(t.UserId))).ToList();
        }

        if (f.OwnerId is { } owner)
        {
            rows = rows.Where(t => t.UserId == owner).ToList();
        }

        return rows;
    }

    /// <summary>What was achieved in the period on each measure, per owner, their team at the time of the deal, and currency.</summary>
    internal static async Task<List<Actual>> ActualsAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var deals = data.Deals();
        var signed = await (from c in data.Db.Contracts.AsNoTracking()
                            join d in deals on c.DealId equals d.Id
                            where c.SignedDate >= f.From && c.SignedDate <= f.To
                            select new { d.Id, d.OwnerId, d.TeamId, c.Currency, c.Amount }).ToListAsync(cancellationToken);
        // Summed per deal in the database (a deal has many payments); the deals stay for the drill-down.
        var collected = await (from p in data.Db.Payments.AsNoTracking()
                               join i in data.Db.Invoices on p.InvoiceId equals i.Id
                               join d in deals on i.DealId equals d.Id
                               where p.Date >= f.From && p.Date <= f.To
                               group p.Amount by new { d.Id, d.OwnerId, d.TeamId, i.Currency } into g
                               select new { g.Key.Id, g.Key.OwnerId, g.Key.TeamId, g.Key.Currency, Cents = g.Sum(a => (long)Math.Round((double)a * 100)) })
            .ToListAsync(cancellationToken);
        // A new customer: its first contract ever was signed in the period (only accounts that signed in the period can be).
        var signedInPeriod = from c in data.Db.Contracts
                             join d in data.Db.Deals on c.DealId equals d.Id
                             where c.SignedDate >= f.From && c.SignedDate <= f.To
                             select d.AccountId;
        var firstContracts = await (from c in data.Db.Contracts.AsNoTracking()
                                    join d in data.Db.Deals on c.DealId equals d.Id
                                    where signedInPeriod.Contains(d.AccountId)
                                    group c.SignedDate by d.AccountId into g
                                    select new { AccountId = g.Key, First = g.Min() })
                                   .Where(g => g.First >= f.From && g.First <= f.To).ToListAsync(cancellationToken);
        var newAccounts = firstContracts.Select(a => a.AccountId).ToList();
        var newCustomers = await (from c in data.Db.Contracts.AsNoTracking()
                                  join d in deals on c.DealId equals d.Id
                                  where EF.Parameter(newAccounts).Contains(d.AccountId) && c.SignedDate >= f.From && c.SignedDate <= f.To
                                  select new { d.Id, d.AccountId, d.OwnerId, d.TeamId, c.SignedDate }).ToListAsync(cancellationToken);
        var result = new List<Actual>();
        result.AddRange(signed.GroupBy(s => (s.OwnerId, s.TeamId, Currency: ReportData.CurrencyOf(s.Currency)))
            .Select(g => new Actual(g.Key.OwnerId, g.Key.TeamId, TargetMeasure.Signed, g.Key.Currency, g.Sum(s => s.Amount), ReportData.Ids(g.Select(s => s.Id)))));
        result.AddRange(collected.GroupBy(s => (s.OwnerId, s.TeamId, Currency: ReportData.CurrencyOf(s.Currency)))
            .Select(g => new Actual(g.Key.OwnerId, g.Key.TeamId, TargetMeasure.Collected, g.Key.Currency, g.Sum(s => s.Cents) / 100m, ReportData.Ids(g.Select(s => s.Id)))));
        result.AddRange(newCustomers.GroupBy(n => n.AccountId).Select(g => g.OrderBy(n => n.SignedDate).ThenBy(n => n.Id).First())
            .GroupBy(n => (n.OwnerId, n.TeamId))
            .Select(g => new Actual(g.Key.OwnerId, g.Key.TeamId, TargetMeasure.NewCustomers, SalesTarget.CountCurrency, g.Count(), ReportData.Ids(g.Select(n => n.Id)))));
        return result;
    }

    private static (decimal Target, decimal? Stretch, decimal? Challenge, bool Set) Sum(IEnumerable<SalesTarget> months)
    {
        var list = months.ToList();
        return (list.Sum(t => t.Target),
            list.All(t => t.Stretch is not null) ? list.Sum(t => t.Stretch!.Value) : null,
            list.All(t => t.Challenge is not null) ? list.Sum(t => t.Challenge!.Value) : null,
            true);
    }

    private static ReportRow Row(ReportText who, TargetMeasure measure, string currency, (decimal Target, decimal? Stretch, decimal? Challenge, bool Set) target, IReadOnlyList<Actual> actuals)
    {
        var actual = actuals.Sum(a => a.Amount);
        var deals = ReportData.Ids(actuals.SelectMany(a => a.Deals));
        var money = currency.Length > 0 ? currency : null;
        var tier = target.Set ? SalesTarget.TierOf(actual, target.Target, target.Stretch, target.Challenge) : TargetTier.None;
        return new ReportRow(
        [
            ReportCell.Label(who), ReportCell.Label(ReportText.Of("TargetMeasure." + measure)), ReportCell.Label(ReportText.Raw(currency)),
            new ReportCell(Value: target.Set ? target.Target : null, Currency: money), new ReportCell(Value: target.Stretch, Currency: money),
            new ReportCell(Value: target.Challenge, Currency: money), new ReportCell(Value: actual, Currency: money, Deals: deals),
            ReportCell.Number(target.Set ? ReportData.Ratio(actual, target.Target) : null),
            new ReportCell(Value: target.Set ? target.Target - actual : null, Currency: money),
            ReportCell.Label(ReportText.Of("TargetTier." + tier)),
        ], !target.Set ? RowMark.None : tier >= TargetTier.Target ? RowMark.Green : actual >= target.Target * 0.8m ? RowMark.Amber : RowMark.Red);
    }

    private static ReportSection Section(string id, ReportText title, ReportText who, IReadOnlyList<ReportRow> rows) =>
        new(id, title,
            [new(who, CellKind.Text), new(ReportText.Of("Report.Col.Measure"), CellKind.Text), new(ReportText.Of("Report.Col.Currency"), CellKind.Text),
             new(ReportText.Of("TargetTier.Target"), CellKind.Money), new(ReportText.Of("TargetTier.Stretch"), CellKind.Money),
             new(ReportText.Of("TargetTier.Challenge"), CellKind.Money), new(ReportText.Of("Report.Col.Actual"), CellKind.Money),
             new(ReportText.Of("Report.Col.Attainment"), CellKind.Percent), new(ReportText.Of("Report.Col.Gap"), CellKind.Money),
             new(ReportText.Of("Report.Col.Tier"), CellKind.Text)],
            rows,
            new ReportChart(ChartKind.Bar, rows.Select(r => ReportText.Raw($"{r.Cells[0].Text!.En} {r.Cells[2].Text!.En}")).ToList(),
                [new ChartSeries(ReportText.Of("Report.Col.Attainment"), rows.Select(r => (double)((r.Cells[7].Value ?? 0) * 100)).ToList())]));
}
