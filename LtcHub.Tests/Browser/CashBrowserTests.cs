using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Billing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class CashBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Finance1RecordsTheFinalPayment_Sales1SeesTheCardMoveToPaid_AndGetsAToast()
    {
        var app = browser.App;
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Delivery, "回款测试 Final payment", 9_800_000m);
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var billing = app.Get<BillingService>();
        var invoice = await billing.CreateAsync(finance, new InvoiceInput(deal.Id, 9_800_000m, DateOnly.FromDateTime(DateTime.UtcNow), 30, null));
        await billing.RecordPaymentAsync(finance, invoice.Id, new PaymentInput(4_000_000m, DateOnly.FromDateTime(DateTime.UtcNow), "首付款", Guid.NewGuid().ToString("N")));

        var sales1 = await browser.SignInAsync("sales1@ltchub.local", "zh-CN");
        await Expect(sales1.Locator($"[data-stage=invoiced] [data-deal-id='{deal.Id}']")).ToBeVisibleAsync();

        var financePage = await browser.SignInAsync("finance1@ltchub.local", "en-US");
        await financePage.GotoAsync("/invoices");
        await BrowserFixture.WaitUntilInteractiveAsync(financePage);
        await financePage.Locator("input[data-testid=invoice-search], [data-testid=invoice-search] input").FillAsync(invoice.Number);
        await Expect(financePage.Locator("[data-invoice-number]")).ToHaveCountAsync(1);
        await financePage.Locator($"[data-invoice-number='{invoice.Number}']").ClickAsync();
        await Expect(financePage.Locator("[data-testid=drawer-balance]")).ToContainTextAsync("5,800,000.00");
        await BrowserFixture.ScreenshotAsync(financePage, "invoice-drawer");
        await financePage.Locator("[data-testid=record-payment]").ClickAsync();
        await financePage.Locator("[data-testid=payment-submit]").ClickAsync();
        await Expect(financePage.Locator(".mud-snackbar")).ToContainTextAsync("fully paid");

        await Expect(sales1.Locator($"[data-stage=paid] [data-deal-id='{deal.Id}']")).ToBeVisibleAsync();
        await Expect(sales1.Locator($"[data-stage=invoiced] [data-deal-id='{deal.Id}']")).ToHaveCountAsync(0);
        await Expect(sales1.Locator(".mud-snackbar")).ToContainTextAsync("回款测试 Final payment");
        await Expect(sales1.Locator("[data-testid=bell-count]")).ToHaveAttributeAsync("data-unread", new System.Text.RegularExpressions.Regex("^[1-9]"));
        await BrowserFixture.ScreenshotAsync(sales1, "paid-toast");
    }
}
