using LtcHub.Domain.Common;
using System.Globalization;
using LtcHub.Domain.Catalog;
using LtcHub.Domain.Contracts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>
/// The demo company's price list, quotes and contracts: deals from Proposal on have quotes (some revised,
/// one awaiting a manager's approval), won and later deals have contracts whose plans are in every state.
/// </summary>
internal sealed class DemoDocuments(Random random, string financeId)
{
    public const decimal DiscountLimit = 15m;

    private readonly Dictionary<(string Kind, int Year), int> _numbers = [];

    public IReadOnlyList<Product> Products { get; } =
    [
        new("ERP 实施服务", "ERP implementation", "人天", 2_800m, "CNY", 6m),
        new("数据平台许可", "Data platform licence", "套", 180_000m, "CNY", 13m),
        new("年度运维服务", "Annual support", "年", 96_000m, "CNY", 6m),
        new("云迁移咨询", "Cloud migration consulting", "人天", 3_200m, "CNY", 6m),
        new("安全审计", "Security audit", "次", 45_000m, "CNY", 6m),
        new("CRM 集成开发", "CRM integration", "人天", 2_600m, "CNY", 6m),
        new("智能仓储设备", "Smart warehouse hardware", "台", 38_000m, "CNY", 13m),
        new("BI 报表许可", "BI reporting licence", "用户/年", 1_200m, "CNY", 13m),
        new("培训服务", "Training", "天", 6_000m, "CNY", 6m),
        new("旧版硬件（停售）", "Legacy hardware (discontinued)", "台", 12_000m, "CNY", 13m, active: false),
    ];

    /// <summary>The quotes a deal had on its way to Proposal: sent, perhaps revised, perhaps waiting for a manager's approval.</summary>
    public List<Quote> QuotesFor(Deal deal, DateTime at, bool revise, bool awaitApproval, string ownerId)
    {
        var amount = deal.Amount ?? random.Next(5, 500) * 10_000m;
        var first = Quote(deal, Number("Q", at.Year), 1, at, Lines(amount, discount: random.Next(0, 3) * 5m), ownerId);
        first.MarkSent(DiscountLimit, DateOnly.FromDateTime(at), at.AddHours(2));
        var quotes = new List<Quote> { first };
        var last = first;
        if (revise || awaitApproval)
        {
            var later = at.AddDays(3);
            last = first.Revise(DateOnly.FromDateTime(later).AddDays(30), ownerId, later);
            if (awaitApproval)
            {
                last.Edit(last.Culture, last.ContactId, last.ValidUntil, "年底前签约可享额外折扣", Lines(amount, discount: 25m), later);
                last.RequestApproval(later.AddHours(1));
            }
            else
            {
                last.MarkSent(DiscountLimit, DateOnly.FromDateTime(later), later.AddHours(1));
            }

            quotes.Add(last);
        }

        return quotes;
    }

    /// <summary>A signed contract on the accepted quote, with a plan of one to three instalments.</summary>
    public Contract ContractFor(Deal deal, Quote? accepted, DateTime signedAt, string ownerId)
    {
        var signed = DateOnly.FromDateTime(signedAt);
        var contract = new Contract(deal.Id, Number("CT", signed.Year), signed, deal.Amount ?? accepted?.Gross ?? 100_000m, deal.Currency, signed,
            signed.AddYears(1), accepted?.Id, ownerId, signedAt);
        IReadOnlyList<PlanLineInput> plan = random.Next(3) switch
        {
            0 => [new(signed.AddDays(30), null, 100m)],
            1 => [new(signed.AddDays(20), null, 50m), new(signed.AddDays(80), null, 50m)],
            _ => [new(signed.AddDays(15), null, 30m), new(signed.AddDays(60), null, 40m), new(signed.AddDays(120), null, 30m)],
        };
        contract.SetPlan(plan, new HashSet<int>());
        return contract;
    }

    public string FinanceId => financeId;

    private static Quote Quote(Deal deal, string number, int revision, DateTime at, IReadOnlyList<QuoteLineInput> lines, string ownerId) =>
        new(deal.Id, number, revision, deal.Currency, Languages.Chinese, null, DateOnly.FromDateTime(at).AddDays(30), null, lines, ownerId, at);

    /// <summary>One to three lines whose gross comes to about <paramref name="amount"/>.</summary>
    private IReadOnlyList<QuoteLineInput> Lines(decimal amount, decimal discount)
    {
        var count = random.Next(1, 4);
        var lines = new List<QuoteLineInput>();
        for (var i = 0; i < count; i++)
        {
            var product = Products[random.Next(Products.Count - 1)];
            var share = amount / count;
            var unitPrice = decimal.Round(share / (1 + product.TaxRate / 100m) / ((100m - discount) / 100m), 2);
            lines.Add(new QuoteLineInput(product.Id, product.NameZh, product.Unit, 1m, unitPrice, discount, product.TaxRate));
        }

        return lines;
    }

    private string Number(string kind, int year)
    {
        var next = _numbers.GetValueOrDefault((kind, year)) + 1;
        _numbers[(kind, year)] = next;
        return string.Create(CultureInfo.InvariantCulture, $"{kind}-{year}-{next:D5}");
    }
}
