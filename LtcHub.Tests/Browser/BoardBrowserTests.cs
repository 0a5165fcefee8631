using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class BoardBrowserTests(BrowserFixture browser)
{
    private static ILocator Card(IPage page, string stage, int dealId) =>
        page.Locator($"[data-stage={stage}] [data-deal-id='{dealId}']");

    /// <summary>A person's drag: press on the card, release near the top of the target column.</summary>
    private static async Task DragAsync(IPage page, int dealId, string toStage)
    {
        var card = page.Locator($"[data-deal-id='{dealId}']");
        await card.ScrollIntoViewIfNeededAsync();
        await card.DragToAsync(page.Locator($"[data-stage={toStage}] .board-zone"), new LocatorDragToOptions
        {
            SourcePosition = new SourcePosition { X = 40, Y = 10 },
            TargetPosition = new TargetPosition { X = 60, Y = 30 },
        });
    }

    /// <summary>The keyboard-accessible way: the card's "Move to…" menu.</summary>
    private static async Task MoveWithMenuAsync(IPage page, int dealId, string toStage)
    {
        await page.Locator($"[data-deal-id='{dealId}'] [data-testid=card-menu] button").ClickAsync();
        await page.Locator($"[data-move-to={toStage}]").ClickAsync();
    }

    [Fact]
    public async Task Sales1DragsADeal_Salesmgr1SeesItMove_AndItStaysAfterReload()
    {
        var deal = await browser.App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "浏览器测试 · 拖拽");
        var sales1 = await browser.SignInAsync("sales1@ltchub.local");
        var manager = await browser.SignInAsync("salesmgr1@ltchub.local", "zh-CN");
        await Expect(Card(manager, StageKeys.Lead, deal.Id)).ToBeVisibleAsync();

        await DragAsync(sales1, deal.Id, StageKeys.Negotiation);

        await Expect(Card(sales1, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await Expect(Card(manager, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await Expect(Card(manager, StageKeys.Lead, deal.Id)).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(manager, "board-zh");

        // Presence: each sees both people.
        await Expect(sales1.Locator("[data-present-user='赵强 Zhao Qiang']")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-present-user='王芳 Wang Fang']")).ToHaveCountAsync(1);

        await sales1.ReloadAsync();
        await manager.ReloadAsync();
        await Expect(Card(sales1, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await Expect(Card(manager, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await sales1.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task MoveToMenu_MovesTheCard()
    {
        var deal = await browser.App.CreateDealAsync("sales3@ltchub.local", StageKeys.Lead, "浏览器测试 · 菜单");
        var sales3 = await browser.SignInAsync("sales3@ltchub.local");
        await MoveWithMenuAsync(sales3, deal.Id, StageKeys.Negotiation);
        await Expect(Card(sales3, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await sales3.Context.CloseAsync();
    }

    [Fact]
    public async Task MovingAStaleCard_ShowsWhoMovedIt_AndSnapsToTheTruth()
    {
        var deal = await browser.App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "浏览器测试 · 冲突");
        var sales1 = await browser.SignInAsync("sales1@ltchub.local");
        await Expect(Card(sales1, StageKeys.Lead, deal.Id)).ToBeVisibleAsync();

        // The manager marks it lost through a service whose bus reaches no board (as an instance
        // without the backplane would): sales1's screen is now stale.
        var silent = new PipelineService(browser.App.Get<IDbContextFactory<LtcHubDbContext>>(),
            new InProcessBoardEvents(NullLogger<InProcessBoardEvents>.Instance), TimeProvider.System, NullLogger<PipelineService>.Instance);
        var manager = await browser.App.ActorAsync("salesmgr1@ltchub.local");
        var lost = await silent.MoveAsync(manager, deal.Id, deal.Version, StageKeys.Lost, new StageEntryInput(LossReason: "客户取消"));
        Assert.Equal(ChangeStatus.Done, lost.Status);

        await DragAsync(sales1, deal.Id, StageKeys.Negotiation);

        await Expect(sales1.Locator(".mud-snackbar")).ToContainTextAsync("赵强 Zhao Qiang");
        await Expect(Card(sales1, StageKeys.Lost, deal.Id)).ToHaveCountAsync(1);
        await Expect(Card(sales1, StageKeys.Negotiation, deal.Id)).ToHaveCountAsync(0);
        await sales1.Context.CloseAsync();
    }

    [Fact]
    public async Task MovingToLost_AsksForTheReason_AndCancelPutsTheCardBack()
    {
        var deal = await browser.App.CreateDealAsync("sales2@ltchub.local", StageKeys.Lead, "浏览器测试 · 输单");
        var sales2 = await browser.SignInAsync("sales2@ltchub.local");
        await sales2.ClickAsync("[data-testid=toggle-lost]");

        await MoveWithMenuAsync(sales2, deal.Id, StageKeys.Lost);
        await Expect(sales2.Locator("[data-testid=move-confirm]")).ToBeVisibleAsync();
        await sales2.ClickAsync("[data-testid=move-cancel]");
        await Expect(Card(sales2, StageKeys.Lead, deal.Id)).ToBeVisibleAsync();

        await MoveWithMenuAsync(sales2, deal.Id, StageKeys.Lost);
        await sales2.Locator(".mud-dialog textarea").First.FillAsync("预算冻结");
        await sales2.ClickAsync("[data-testid=move-confirm]");
        await Expect(Card(sales2, StageKeys.Lost, deal.Id)).ToBeVisibleAsync();
        await sales2.Context.CloseAsync();
    }

    [Fact]
    public async Task Ops1PushesBackThenAccepts_TheOwnerSeesTheReason_ThenTheCardInHandoff()
    {
        var deal = await browser.App.CreateDealAsync("sales2@ltchub.local", StageKeys.Won, "浏览器测试 · 交接", 9_900_000m);
        var ops1 = await browser.SignInAsync("ops1@ltchub.local", "en-US");
        var sales2 = await browser.SignInAsync("sales2@ltchub.local", "zh-CN");
        var row = ops1.Locator($"[data-handoff-deal-id='{deal.Id}']");
        await Expect(ops1.Locator("[data-testid=delivery-load]")).ToContainTextAsync("Delivery:");

        await row.Locator("[data-testid=handoff-pushback]").ClickAsync();
        await ops1.Locator("textarea[data-field=pushback-reason], [data-field=pushback-reason] textarea").FillAsync("缺少采购订单号");
        await ops1.ClickAsync("[data-testid=pushback-confirm]");

        await Expect(sales2.Locator($"[data-deal-id='{deal.Id}'] [data-testid=pushback-badge]")).ToHaveAttributeAsync("title", "缺少采购订单号");
        await Expect(sales2.Locator(".mud-snackbar")).ToContainTextAsync("缺少采购订单号");
        await Expect(row).ToContainTextAsync("缺少采购订单号");
        await BrowserFixture.ScreenshotAsync(ops1, "handoff-queue");

        await row.Locator("[data-testid=handoff-accept]").ClickAsync();
        await Expect(Card(sales2, StageKeys.Handoff, deal.Id)).ToBeVisibleAsync();
        await Expect(ops1.Locator($"[data-handoff-deal-id='{deal.Id}']")).ToHaveCountAsync(0);
        await Expect(sales2.Locator($"[data-deal-id='{deal.Id}'] [data-testid=pushback-badge]")).ToHaveCountAsync(0);
        await ops1.Context.CloseAsync();
        await sales2.Context.CloseAsync();
    }
}
