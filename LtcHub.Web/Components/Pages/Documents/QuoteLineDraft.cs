using LtcHub.Domain.Quotes;
using LtcHub.Infrastructure.Catalog;
using LtcHub.Infrastructure.Quotes;

namespace LtcHub.Web.Components.Pages.Documents;

/// <summary>A quote line being typed: nullable numbers (an empty field is empty, not zero), the totals computed as the domain will.</summary>
public sealed class QuoteLineDraft
{
    public int? ProductId { get; set; }

    public string? Description { get; set; }

    public string? Unit { get; set; }

    public decimal? Quantity { get; set; } = 1m;

    public decimal? UnitPrice { get; set; }

    public decimal? DiscountPercent { get; set; } = 0m;

    public decimal? TaxRate { get; set; } = 13m;

    public (decimal Net, decimal Tax) Totals =>
        Quantity is { } q && UnitPrice is { } p && DiscountPercent is { } d && TaxRate is { } t ? QuoteMath.Line(q, p, d, t) : (0m, 0m);

    public static QuoteLineDraft From(QuoteLineView line) => new()
    {
        ProductId = line.ProductId, Description = line.Description, Unit = line.Unit, Quantity = line.Quantity, UnitPrice = line.UnitPrice,
        DiscountPercent = line.DiscountPercent, TaxRate = line.TaxRate,
    };

    public void Use(ProductRow product, bool english)
    {
        ProductId = product.Id;
        Description = product.Name(english);
        Unit = product.Unit;
        UnitPrice = product.ListPrice;
        TaxRate = product.TaxRate;
    }

    /// <summary>The line as the service takes it; an empty quantity or price is refused (an empty discount or rate is none).</summary>
    public QuoteLineInput ToInput() =>
        new(ProductId, Description ?? "", Unit ?? "",
            Quantity ?? throw new Domain.Common.DomainException("Error.Required", "Field.Quantity"),
            UnitPrice ?? throw new Domain.Common.DomainException("Error.Required", "Field.UnitPrice"),
            DiscountPercent ?? 0m, TaxRate ?? 0m);
}
