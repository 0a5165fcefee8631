using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

/// <summary>The app on a 390 × 844 phone: one stage at a time, moves through the card menu, nothing wider than the screen.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class PhoneBrowserTests(BrowserFixture browser)
{
    /// <summary>The page itself never scrolls sideways: nothing in it is wider than the screen.</summary>
    private static async Task AssertFitsTheScreenAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2],
            $"{where}: the page is {Math.Max(widths[0], widths[1])} px wide on a {widths[2]} px screen");
    }

    private static async Task<LocatorBoundingBoxResult> BoxOfAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("not shown");

    [Fact]
    public async Task OnAPhone_Sales1SwitchesStage_MovesTheirDealWithTheCardMenu_AndThePageIsNeverWiderThanTheScreen()
    {
        var deal = await browser.App.CreateDealAsync("sales1@ltchub.local", StageKeys.Qualified, "手机 · 菜单移动");
        var page = await browser.SignInAsync("sales1@ltchub.local", "zh-CN", phone: true);
        await page.Locator("[data-testid=board][data-board-ready=true]").WaitForAsync();
        await AssertFitsTheScreenAsync(page, "the board");

        // The app bar stays one line.
        Assert.True((await BoxOfAsync(page.Locator(".mud-appbar"))).Height <= 64);

        // One stage at a time, picked from tabs that show each stage's count.
        await Expect(page.Locator("[data-stage=lead]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stage=qualified]")).ToBeHiddenAsync();
        await page.Locator("[data-stage-tab=qualified]").ClickAsync();
        await Expect(page.Locator("[data-stage=qualified]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stage=lead]")).ToBeHiddenAsync();
        await using (var db = browser.App.CreateDbContext())
        {
            var inQualified = await db.Deals.CountAsync(d => d.Stage.Key == StageKeys.Qualified);
            await Expect(page.Locator("[data-stage-tab=qualified]")).ToContainTextAsync($"{inQualified} ·");
        }

        // Cards are as wide as the screen allows.
        var card = page.Locator($"[data-stage=qualified] [data-deal-id='{deal.Id}']");
        Assert.True((await BoxOfAsync(card)).Width >= 330);
        await AssertFitsTheScreenAsync(page, "the Qualified stage");
        await BrowserFixture.ScreenshotAsync(page, "board-phone-zh");

        // A move through the card's menu.
        await card.Locator("[data-testid=card-menu] button").ClickAsync();
        await card.Locator("[data-move-to=negotiation]").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await page.Locator("[data-stage-tab=negotiation]").ClickAsync();
        await Expect(page.Locator($"[data-stage=negotiation] [data-deal-id='{deal.Id}']")).ToBeVisibleAsync();
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(StageKeys.Negotiation, await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Stage.Key).SingleAsync());
        }

        // The filters sit in a drawer.
        await Expect(page.Locator(".desktop-filters")).ToBeHiddenAsync();
        await page.Locator("[data-testid=open-filters]").ClickAsync();
        var filters = page.Locator(".mud-drawer [data-testid=filters]");
        await Expect(filters).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(page, "the filter drawer");
        await BrowserFixture.ScreenshotAsync(page, "board-phone-filters-zh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhone_TheMeetingRoomStacksAgendaAboveFocus_AndTheInvoicesListFits()
    {
        var manager = await browser.App.ActorAsync("salesmgr1@ltchub.local");
        var meetingId = await browser.App.Get<MeetingScheduler>().ScheduleAsync(manager,
            new MeetingInput("手机周会", DateTime.UtcNow, [await browser.App.TeamIdAsync(LtcHub.Infrastructure.Seeding.DemoTeams.EastSales)], [manager.UserId], false, Languages.Chinese), startNow: true);
        var page = await browser.SignInAsync("salesmgr1@ltchub.local", "zh-CN", phone: true);

        await page.GotoAsync($"/meetings/{meetingId}");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var agenda = await BoxOfAsync(page.Locator("[data-testid=agenda]"));
        var main = await BoxOfAsync(page.Locator("[data-testid=meeting-main]"));
        Assert.True(agenda.Y + agenda.Height <= main.Y + 1, "the agenda sits above the focus");
        Assert.True(main.Width >= 340);
        await AssertFitsTheScreenAsync(page, "the meeting room");
        await BrowserFixture.ScreenshotAsync(page, "meeting-phone-zh");
        await page.Context.CloseAsync();

        var finance = await browser.SignInAsync("finance1@ltchub.local", "en-US", phone: true);
        await finance.GotoAsync("/invoices");
        await BrowserFixture.WaitUntilInteractiveAsync(finance);
        var firstRow = finance.Locator("[data-testid=invoices] tbody tr").First;
        await Expect(firstRow).ToBeVisibleAsync();
        await Expect(firstRow.Locator("[data-label='Balance']")).ToBeVisibleAsync();
        await AssertFitsTheScreenAsync(finance, "the invoices");
        await BrowserFixture.ScreenshotAsync(finance, "invoices-phone-en");
        await finance.Context.CloseAsync();
    }
}
