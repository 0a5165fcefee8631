using System.Text.RegularExpressions;
using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

/// <summary>One new deal from Lead to Paid through the UI only, each step by the person who would take it — no dead end on the way.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class LeadToCashBrowserTests(BrowserFixture browser)
{
    private static ILocator Field(IPage page, string field) => page.Locator($"input[data-field={field}], [data-field={field}] input");

    private static ILocator Card(IPage page, string stage, string id) => page.Locator($"[data-stage={stage}] [data-deal-id='{id}']");

    private static async Task MoveWithMenuAsync(IPage page, string dealId, string toStage)
    {
        await page.Locator($"[data-deal-id='{dealId}'] [data-testid=card-menu] button").ClickAsync();
        await page.Locator($"[data-deal-id='{dealId}'] [data-move-to={toStage}]").ClickAsync();
    }

    private async Task<string> OwnCustomerAsync(string email)
    {
        await using var db = browser.App.CreateDbContext();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Accounts.Where(a => a.OwnerId == id).OrderBy(a => a.Id).Select(a => a.Name).FirstAsync();
    }

    private static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    [Fact]
    public async Task ANewDeal_GoesFromLeadToPaid_ThroughTheUiOnly_AndTheRepSeesItPaidWithoutReloading()
    {
        const string name = "全程 · Lead to cash";
        var sales1 = await browser.SignInAsync("sales1@ltchub.local");

        // sales1 captures the deal.
        await sales1.ClickAsync("[data-testid=new-deal]");
        await Field(sales1, "deal-name").FillAsync(name);
        // On a customer of sales1's own (one in the public pool would have to be claimed first).
        await Field(sales1, "deal-account").FillAsync(await OwnCustomerAsync("sales1@ltchub.local"));
        await sales1.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await TypeAsync(Field(sales1, "deal-amount"), "200000");
        await sales1.ClickAsync("[data-testid=new-deal-save]");
        var card = sales1.Locator("[data-stage=lead] [data-deal-id]", new() { HasText = name });
        await Expect(card).ToBeVisibleAsync();
        var id = (await card.GetAttributeAsync("data-deal-id"))!;

        // Lead → Qualified: no scorecard yet, so the dialog opens one; saving it finishes the move.
        await MoveWithMenuAsync(sales1, id, StageKeys.Qualified);
        await sales1.ClickAsync("[data-testid=move-score]");
        foreach (var criterion in new[] { "NeedFit", "Budget", "DecisionCycle", "Size" })
        {
            await sales1.Locator($"[data-criterion={criterion}] .mud-toggle-item").Nth(4).ClickAsync();
        }

        await Expect(sales1.Locator("[data-testid=score-total]")).Not.ToHaveTextAsync("0");
        await sales1.ClickAsync("[data-testid=score-save]");
        await Expect(Card(sales1, StageKeys.Qualified, id)).ToBeVisibleAsync();

        // Qualified → Proposal: no quote yet, so the dialog creates one on the spot.
        await MoveWithMenuAsync(sales1, id, StageKeys.Proposal);
        await sales1.ClickAsync("[data-testid=move-create-quote]");
        var line = sales1.Locator("[data-quote-line='0']");
        await TypeAsync(line.Locator("input[data-field=line-description], [data-field=line-description] input"), "数据平台 Data platform");
        await TypeAsync(line.Locator("input[data-field=line-quantity], [data-field=line-quantity] input"), "2");
        await TypeAsync(line.Locator("input[data-field=line-price], [data-field=line-price] input"), "80000");
        await TypeAsync(line.Locator("input[data-field=line-tax-rate], [data-field=line-tax-rate] input"), "13");
        await Expect(sales1.Locator("[data-testid=quote-total]")).ToHaveTextAsync("CN¥180,800.00");
        await BrowserFixture.ScreenshotAsync(sales1, "quote-editor");
        await sales1.ClickAsync("[data-testid=quote-save]");
        await Expect(Card(sales1, StageKeys.Proposal, id)).ToBeVisibleAsync();

        // Proposal → Negotiation has no rule.
        await MoveWithMenuAsync(sales1, id, StageKeys.Negotiation);
        await Expect(Card(sales1, StageKeys.Negotiation, id)).ToBeVisibleAsync();

        // Negotiation → Won: a close date, and the signed contract (created on the spot, with its scan).
        await MoveWithMenuAsync(sales1, id, StageKeys.Won);
        await TypeAsync(Field(sales1, "close-date"), "12/31/2026");
        await sales1.ClickAsync("[data-testid=move-create-contract]");
        await Expect(sales1.Locator("[data-testid=contract-dialog]")).ToBeVisibleAsync();
        await sales1.Locator("[data-testid=contract-dialog] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "签字版合同.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%signed contract\n"u8.ToArray(),
        });
        await BrowserFixture.ScreenshotAsync(sales1, "contract-dialog");
        await sales1.ClickAsync("[data-testid=contract-save]");
        await Expect(Card(sales1, StageKeys.Won, id)).ToBeVisibleAsync();

        // ops1 accepts the hand-off from the queue, then starts delivery.
        var ops1 = await browser.SignInAsync("ops1@ltchub.local");
        await ops1.Locator($"[data-handoff-deal-id='{id}'] [data-testid=handoff-accept]").ClickAsync();
        await Expect(Card(ops1, StageKeys.Handoff, id)).ToBeVisibleAsync();
        await MoveWithMenuAsync(ops1, id, StageKeys.Delivery);
        await Expect(Card(sales1, StageKeys.Delivery, id)).ToBeVisibleAsync();

        // finance1 issues the invoice from the payment plan, then records the payment.
        var finance1 = await browser.SignInAsync("finance1@ltchub.local");
        await finance1.GotoAsync("/invoices");
        await BrowserFixture.WaitUntilInteractiveAsync(finance1);
        await finance1.ClickAsync("[data-testid=new-invoice]");
        await finance1.Locator("[data-field=invoice-deal]").ClickAsync();
        await finance1.Locator(".mud-popover-open .mud-list-item", new() { HasText = name }).ClickAsync();
        await Expect(finance1.Locator("[data-field=invoice-plan-line]")).ToBeVisibleAsync();
        await finance1.ClickAsync("[data-testid=invoice-submit]");
        await Expect(Card(sales1, StageKeys.Invoiced, id)).ToBeVisibleAsync();

        await using var db = browser.App.CreateDbContext();
        var number = await db.Invoices.Where(i => i.DealId == int.Parse(id)).Select(i => i.Number).SingleAsync();
        await finance1.Locator("input[data-testid=invoice-search], [data-testid=invoice-search] input").FillAsync(number);
        await Expect(finance1.Locator("[data-invoice-number]")).ToHaveCountAsync(1);
        await finance1.Locator($"[data-invoice-number='{number}']").ClickAsync();
        await finance1.ClickAsync("[data-testid=record-payment]");
        await finance1.ClickAsync("[data-testid=payment-submit]");

        // sales1's open board shows it paid, without a reload; the contract shows everything collected.
        await Expect(Card(sales1, StageKeys.Paid, id)).ToBeVisibleAsync();
        await Card(sales1, StageKeys.Paid, id).ClickAsync();
        await sales1.Locator("[data-testid=deal-drawer] .mud-tab", new() { HasText = "Contract" }).ClickAsync();
        await Expect(sales1.Locator("[data-testid=contract-collected]")).ToHaveAttributeAsync("data-collected-share", "1");
        await Expect(sales1.Locator("[data-testid=contract-scan]")).ToContainTextAsync("签字版合同.pdf");
        await BrowserFixture.ScreenshotAsync(sales1, "contract-paid");

        var stages = await db.AuditEntries.Where(a => a.EntityType == Deal.EntityType && a.EntityId == id && a.Field == DealFields.Stage)
            .OrderBy(a => a.Id).Select(a => a.NewValue + " by " + a.ActorName).ToListAsync();
        Assert.Equal(
            ["lead by 王芳 Wang Fang", "qualified by 王芳 Wang Fang", "proposal by 王芳 Wang Fang", "negotiation by 王芳 Wang Fang", "won by 王芳 Wang Fang",
             "handoff by 吴刚 Wu Gang", "delivery by 吴刚 Wu Gang", "invoiced by LtcHub", "paid by LtcHub"], stages);
        foreach (var page in new[] { sales1, ops1, finance1 })
        {
            await page.Context.CloseAsync();
        }
    }
}
