using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>
/// Return per lead source and campaign, on cash collected (not won amounts). The leads are the deals created in the
/// period, by their customer's source and campaign; qualified and won count those that reached Qualified and Won (their
/// stage history); collected is every payment received to date on them; cost is the full cost of each campaign that
/// brought leads in the period or ran in it. Return = (collected − cost) ÷ cost, and cost per won deal, where the cost is
/// in the row's currency (never converted).
/// </summary>
public sealed class SourceReturnReport : IReport
{
    public string Name => ReportNames.SourceReturn;

    public async Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken)
    {
        var f = data.Filter;
        var cohortQuery = data.Deals().Where(d => d.CreatedAtUtc >= f.FromUtc && d.CreatedAtUtc < f.EndUtc);
        var cohort = await cohortQuery
            .Select(d => new
            {
                d.Id,
                d.Stage.Key,
                Account = data.Db.Accounts.Where(a => a.Id == d.AccountId).Select(a => new { a.Source, a.CampaignId }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var furthest = await data.FurthestAsync(cohortQuery, cohort.Select(d => (d.Id, d.Key)), cancellationToken);

        var collected = await (from p in data.Db.Payments.AsNoTracking()
                               join i in data.Db.Invoices on p.InvoiceId equals i.Id
                               where cohortQuery.Select(d => d.Id).Contains(i.DealId)
                               group p.Amount by new { i.DealId, i.Currency } into g
                               select new { g.Key.DealId, g.Key.Currency, Cents = g.Sum(a => (long)Math.Round((double)a * 100)) }).ToListAsync(cancellationToken);
        var campaignIds = cohort.Select(d => d.Account?.CampaignId).OfType<int>().Distinct().ToList();
        var campaigns = await data.Db.Campaigns.AsNoTracking()
            .Where(c => EF.Parameter(campaignIds).Contains(c.Id) || (c.StartDate <= f.To && (c.EndDate == null || c.EndDate >= f.From)))
            .Where(c => f.Source == null || c.Source == f.Source)
            .Where(c => f.CampaignId == null || c.Id == f.CampaignId)
            .ToListAsync(cancellationToken);
        var qualified = data.Stage(StageKeys.Qualified)?.Order ?? int.MaxValue;
        var won = data.Stage(StageKeys.Won)?.Order ?? int.MaxValue;

        var keys = cohort.Select(d => (Source: d.Account?.Source, Campaign: d.Account?.CampaignId))
            .Concat(campaigns.Select(c => (Source: (Domain.Accounts.LeadSource?)c.Source, Campaign: (int?)c.Id)))
            .Distinct()
            .OrderBy(k => k.Source is null).ThenBy(k => k.Source).ThenBy(k => k.Campaign is null).ThenBy(k => k.Campaign);
        var rows = new List<ReportRow>();
        var byKey = cohort.ToLookup(d => (d.Account?.Source, d.Account?.CampaignId), d => d.Id);
        var collectedByDeal = collected.ToLookup(c => c.DealId);
        foreach (var key in keys)
        {
            var leads = byKey[(key.Source, key.Campaign)].ToList();
            var campaign = campaigns.FirstOrDefault(c => c.Id == key.Campaign);
            var cash = leads.SelectMany(id => collectedByDeal[id]).GroupBy(c => ReportData.CurrencyOf(c.Currency)).ToDictionary(g => g.Key, g => g.ToList());
            var currencies = cash.Keys.Append(campaign is null ? null : ReportData.CurrencyOf(campaign.Currency)).OfType<string>().Distinct().Order().ToList();
            if (currencies.Count == 0)
            {
                currencies.Add(ReportData.CurrencyOf(null));
            }

            var qualifiedIds = leads.Where(id => furthest[id] >= qualified).ToList();
            var wonIds = leads.Where(id => furthest[id] >= won).ToList();
            foreach (var currency in currencies)
            {
                var paid = cash.TryGetValue(currency, out var list) ? list : [];
                var amount = paid.Sum(p => p.Cents) / 100m;
                decimal? cost = campaign is not null && ReportData.CurrencyOf(campaign.Currency) == currency ? campaign.Cost : null;
                var ret = cost is > 0 ? Math.Round((amount - cost.Value) / cost.Value, 4) : (decimal?)null;
                rows.Add(new ReportRow(
                [
                    ReportCell.Label(key.Source is { } s ? ReportText.Of("LeadSource." + s) : ReportText.Of("Report.NoSource")),
                    ReportCell.Label(campaign is not null ? ReportText.Raw(campaign.Name) : ReportText.Of("Report.NoCampaign")),
                    ReportCell.Label(ReportText.Raw(currency)),
                    ReportCell.Number(leads.Count, ReportData.Ids(leads)), ReportCell.Number(qualifiedIds.Count, ReportData.Ids(qualifiedIds)),
                    ReportCell.Number(wonIds.Count, ReportData.Ids(wonIds)),
                    ReportCell.Money(amount, currency, ReportData.Ids(paid.Select(p => p.DealId))),
                    new ReportCell(Value: cost, Currency: currency), ReportCell.Number(ret),
                    new ReportCell(Value: cost is { } c && wonIds.Count > 0 ? Math.Round(c / wonIds.Count, 2) : null, Currency: currency),
                ], ret is null ? RowMark.None : ret >= 0 ? RowMark.Green : RowMark.Red));
            }
        }

        return
        [
            new ReportSection("return", ReportText.Of("Report.Return.Title"),
                [new(ReportText.Of("Report.Col.Source"), CellKind.Text), new(ReportText.Of("Report.Col.Campaign"), CellKind.Text),
                 new(ReportText.Of("Report.Col.Currency"), CellKind.Text), new(ReportText.Of("Report.Col.Leads"), CellKind.Count),
                 new(ReportText.Of("Report.Col.Qualified"), CellKind.Count), new(ReportText.Of("Report.Col.Won"), CellKind.Count),
                 new(ReportText.Of("Report.Col.Collected"), CellKind.Money), new(ReportText.Of("Report.Col.Cost"), CellKind.Money),
                 new(ReportText.Of("Report.Col.Return"), CellKind.Percent), new(ReportText.Of("Report.Col.CostPerWon"), CellKind.Money)],
                rows,
                new ReportChart(ChartKind.Bar, rows.Select(r => r.Cells[1].Text!.Key is null ? r.Cells[1].Text! : r.Cells[0].Text!).ToList(),
                    [new ChartSeries(ReportText.Of("Report.Col.Return"), rows.Select(r => (double)((r.Cells[8].Value ?? 0) * 100)).ToList())])),
        ];
    }
}
