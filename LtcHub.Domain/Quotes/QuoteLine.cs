using LtcHub.Domain.Common;

namespace LtcHub.Domain.Quotes;

/// <summary>A line as the user enters it: a product from the list or a free description.</summary>
public sealed record QuoteLineInput(int? ProductId, string Description, string Unit, decimal Quantity, decimal UnitPrice, decimal DiscountPercent, decimal TaxRate);

/// <summary>
/// One line of a quote, with its net and tax computed and rounded on the line — the way a Chinese VAT
/// invoice (增值税发票) states 金额 and 税额 per line; the totals are the sums of the rounded lines.
/// </summary>
public sealed class QuoteLine
{
    public const int DescriptionMaxLength = 200;
    public const decimal MaxQuantity = 1_000_000_000m;

    private QuoteLine()
    {
    }

    internal QuoteLine(int position, QuoteLineInput input)
    {
        Position = position;
        ProductId = input.ProductId;
        Description = Text.Required(input.Description, DescriptionMaxLength, "Field.LineDescription");
        Unit = Text.Optional(input.Unit, Catalog.Product.UnitMaxLength, "Field.Unit") ?? "";
        Quantity = input.Quantity > 0 && input.Quantity <= MaxQuantity && decimal.Round(input.Quantity, 2) == input.Quantity
            ? input.Quantity
            : throw new DomainException("Error.QuantityInvalid", Position + 1);
        UnitPrice = input.UnitPrice >= 0 && input.UnitPrice <= Money.MaxAmount && decimal.Round(input.UnitPrice, 2) == input.UnitPrice
            ? input.UnitPrice
            : throw new DomainException("Error.PriceInvalid");
        DiscountPercent = Percent.Valid(input.DiscountPercent, "Field.Discount");
        TaxRate = Percent.Valid(input.TaxRate, "Field.TaxRate");
        (Net, Tax) = QuoteMath.Line(Quantity, UnitPrice, DiscountPercent, TaxRate);
    }

    public int Id { get; private set; }

    public int QuoteId { get; private set; }

    public int Position { get; private set; }

    public int? ProductId { get; private set; }

    public string Description { get; private set; } = "";

    public string Unit { get; private set; } = "";

    public decimal Quantity { get; private set; }

    /// <summary>Before tax and discount.</summary>
    public decimal UnitPrice { get; private set; }

    public decimal DiscountPercent { get; private set; }

    public decimal TaxRate { get; private set; }

    /// <summary>金额: quantity × price less the discount, rounded to the fen.</summary>
    public decimal Net { get; private set; }

    /// <summary>税额: the line's net × its rate, rounded to the fen.</summary>
    public decimal Tax { get; private set; }

    public decimal Gross => Net + Tax;

    public QuoteLineInput ToInput() => new(ProductId, Description, Unit, Quantity, UnitPrice, DiscountPercent, TaxRate);
}

public static class QuoteMath
{
    /// <summary>Net and tax of one line, each rounded half away from zero to two decimals (四舍五入 to the fen).</summary>
    public static (decimal Net, decimal Tax) Line(decimal quantity, decimal unitPrice, decimal discountPercent, decimal taxRate)
    {
        var net = decimal.Round(quantity * unitPrice * (100m - discountPercent) / 100m, 2, MidpointRounding.AwayFromZero);
        var tax = decimal.Round(net * taxRate / 100m, 2, MidpointRounding.AwayFromZero);
        return (net, tax);
    }
}
