using LtcHub.Domain.Quotes;
using LtcHub.Infrastructure.Quotes;
using LtcHub.Tests.Support;
using UglyToad.PdfPig;

namespace LtcHub.Tests.Infrastructure.Quotes;

/// <summary>The quote's PDF, read back with a PDF reader: the customer's language, the lines and the VAT totals, Chinese included.</summary>
public class QuotePdfTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private static QuoteView View(string culture, int lines = 2) => new(1, 1, "金桥 · CRM 集成", "上海金桥科技有限公司", "Shanghai Jinqiao Technology Co., Ltd.",
        "Q-2026-00042", 2, QuoteStatus.Sent, "CNY", culture, 1, "陈经理", "ap@example.cn", new DateOnly(2026, 12, 31), "含一年维保 Support included",
        416_000m, 50_160m, 466_160m, 10m,
        [.. Enumerable.Range(0, lines).Select(i => i == 0
            ? new QuoteLineView(0, null, "数据平台许可 Data platform licence", "套", 2m, 180_000m, 0m, 13m, 360_000m, 46_800m)
            : new QuoteLineView(i, null, "实施服务 Implementation", "人天", 20m, 2_800m, 0m, 6m, 56_000m, 3_360m))],
        "王芳 Wang Fang", new DateTime(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc), null, null, null, new DateTime(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc), null, 4);

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public void AChineseQuote_ReadsBackInChinese_WithItsLinesAndTotals()
    {
        var text = TextOf(app.Get<QuotePdf>().Render(View("zh-CN")));

        Assert.Contains("报价单", text);
        Assert.Contains("价税合计", text);
        Assert.Contains("Q-2026-00042", text);
        Assert.Contains("上海金桥科技有限公司", text);
        Assert.Contains("数据平台许可", text);
        Assert.Contains("466,160.00", text);
        Assert.Contains("50,160.00", text);
    }

    [Fact]
    public void AnEnglishQuote_ReadsBackInEnglish_WithTheEnglishCustomerName()
    {
        var text = TextOf(app.Get<QuotePdf>().Render(View("en-US")));

        Assert.Contains("Quotation", text);
        Assert.Contains("Total incl. VAT", text);
        Assert.Contains("Shanghai Jinqiao Technology", text);
        Assert.DoesNotContain("价税合计", text);
    }

    [Fact]
    public void AHundredLines_RunOverSeveralPages()
    {
        using var document = PdfDocument.Open(app.Get<QuotePdf>().Render(View("zh-CN", lines: 100)));
        Assert.True(document.NumberOfPages > 1);
    }
}
