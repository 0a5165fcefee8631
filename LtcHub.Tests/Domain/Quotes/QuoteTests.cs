using LtcHub.Domain.Common;
using LtcHub.Domain.Quotes;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Domain.Quotes;

public class QuoteTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static QuoteLineInput Line(decimal quantity, decimal price, decimal discount = 0m, decimal rate = 13m) =>
        new(null, "ERP 实施", "套", quantity, price, discount, rate);

    private static Quote New(params QuoteLineInput[] lines) =>
        new(1, "Q-2026-00001", 1, "CNY", "zh-CN", null, Today.AddDays(30), null, lines, "u-sales", Now);

    [Fact]
    public void TaxIsRoundedPerLine_AsAChineseVatInvoiceStatesIt_NotOnTheTotal()
    {
        // Three lines of ¥0.05 at 13 %: each line's tax is 0.0065 → ¥0.01, so ¥0.03 in all
        // (on the total it would have been 0.15 × 13 % = 0.0195 → ¥0.02).
        var quote = New(Line(1, 0.05m), Line(1, 0.05m), Line(1, 0.05m));
        Assert.Equal((0.15m, 0.03m, 0.18m), (quote.Net, quote.Tax, quote.Gross));
    }

    [Fact]
    public void DiscountAndTax_AreEachRoundedHalfAwayFromZero_ToTheFen()
    {
        // 3 × 33.33 less 10 % = 89.991 → 89.99; 13 % of 89.99 = 11.6987 → 11.70.
        var quote = New(Line(3, 33.33m, discount: 10m));
        Assert.Equal((89.99m, 11.70m, 101.69m), (quote.Lines[0].Net, quote.Lines[0].Tax, quote.Gross));

        // Half a fen rounds up: 0.5 × 0.05 = 0.025 → 0.03; 6 % of it: 0.0018 → 0.00.
        var half = New(Line(0.5m, 0.05m, rate: 6m));
        Assert.Equal((0.03m, 0.00m), (half.Net, half.Tax));
    }

    [Theory]
    [InlineData("-1", "100", "0", "13", "Error.QuantityInvalid")]
    [InlineData("0", "100", "0", "13", "Error.QuantityInvalid")]
    [InlineData("1", "-0.01", "0", "13", "Error.PriceInvalid")]
    [InlineData("1", "100", "100.5", "13", "Error.PercentRange")]
    [InlineData("1", "100", "-1", "13", "Error.PercentRange")]
    [InlineData("1", "100", "0", "101", "Error.PercentRange")]
    [InlineData("1.001", "100", "0", "13", "Error.QuantityInvalid")]
    public void BadLines_AreRefused_WithTheirReason(string quantity, string price, string discount, string rate, string code)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var error = Assert.ThrowsAny<DomainException>(() => New(Line(D(quantity), D(price), D(discount), D(rate))));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void AQuoteNeedsALine()
    {
        Assert.Equal("Error.QuoteNeedsLines", Assert.Throws<DomainException>(() => New()).Code);
    }

    [Fact]
    public void ADiscountOverTheLimit_NeedsApproval_BeforeItCanBeSent_AndEditingDropsTheApproval()
    {
        var quote = New(Line(1, 1000m, discount: 20m));
        Assert.True(quote.NeedsApproval(15m));
        Assert.Equal("Error.QuoteNeedsApproval", Assert.Throws<DomainException>(() => quote.MarkSent(15m, Today, Now)).Code);

        quote.RequestApproval(Now);
        quote.Approve(TestActors.Sales("mgr"), "ok, strategic customer", Now);
        Assert.False(quote.NeedsApproval(15m));
        Assert.Equal(QuoteStatus.Approved, quote.Status);

        quote.Edit("zh-CN", null, Today.AddDays(30), null, [Line(1, 1000m, discount: 25m)], Now);
        Assert.Equal(QuoteStatus.Draft, quote.Status);
        Assert.True(quote.NeedsApproval(15m));
    }

    [Fact]
    public void ASentQuote_IsRevisedIntoANewVersion_AndTheOldOneStaysReadable()
    {
        var quote = New(Line(2, 500m));
        quote.MarkSent(15m, Today, Now);
        Assert.Equal("Error.QuoteNotEditable", Assert.Throws<DomainException>(() => quote.Edit("zh-CN", null, Today, null, [Line(1, 1m)], Now)).Code);

        var next = quote.Revise(Today.AddDays(30), "u-sales", Now);

        Assert.Equal((QuoteStatus.Superseded, QuoteStatus.Draft), (quote.Status, next.Status));
        Assert.Equal((quote.Number, 2), (next.Number, next.Revision));
        Assert.Equal(quote.Gross, next.Gross);
        Assert.Equal(1000m, quote.Net);
    }

    [Fact]
    public void OnlyASentQuote_IsAcceptedOrDeclined_AndItExpiresAfterItsDate()
    {
        var quote = New(Line(1, 100m));
        Assert.Equal("Error.QuoteNotSent", Assert.Throws<DomainException>(() => quote.Accept(Now)).Code);
        quote.MarkSent(15m, Today, Now);

        Assert.False(quote.ExpireIfDue(Today.AddDays(30), Now));
        Assert.True(quote.ExpireIfDue(Today.AddDays(31), Now));
        Assert.Equal(QuoteStatus.Expired, quote.Status);
    }
}
