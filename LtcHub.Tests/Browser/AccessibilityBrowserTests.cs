using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace LtcHub.Tests.Browser;

/// <summary>
/// Every page under axe-core (WCAG 2.0/2.1 A and AA and best practices), in both languages and every theme:
/// no serious or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AccessibilityBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly AxeRunOptions Rules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    };

    // Moderate in axe, but what a screen reader finds its way by: one main landmark, one first-level heading, nothing outside a landmark.
    private static readonly string[] Structure = ["landmark-one-main", "page-has-heading-one", "region"];

    public static TheoryData<string> Pages() =>
    [
        "/pipeline", "/leads", "/accounts", "/accounts/1", "/meetings", "/contracts", "/invoices", "/invoices/dunning",
        "/admin/users", "/admin/stages", "/admin/audit", "/admin/products", "/admin/settings", "/admin/webhooks", "/imports", "/leads/settings", "/account/profile", "/quotes/1",
        "/reports/funnel", "/reports/forecast", "/targets",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPage_HasNoSeriousViolation_InEitherLanguage_OrAnyTheme(string path)
    {
        var found = new List<string>();
        foreach (var culture in new[] { "en-US", "zh-CN" })
        {
            var page = await browser.SignInAsync("admin@ltchub.local", culture);
            foreach (var theme in Enum.GetValues<UiTheme>())
            {
                await SetThemeAsync(theme);
                await page.GotoAsync(path);
                await BrowserFixture.WaitUntilInteractiveAsync(page);
                await page.WaitForTimeoutAsync(300);
                found.AddRange(await FindingsAsync(page, $"{culture} {theme}"));
            }

            await page.Context.CloseAsync();
        }

        await SetThemeAsync(UiTheme.Light);
        Report(found);
    }

    [Fact]
    public async Task TheSignInPage_AndALiveMeetingRoom_HaveNoSeriousViolation()
    {
        var anonymous = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUri.ToString(), Locale = "zh-CN" });
        var login = await anonymous.NewPageAsync();
        await login.GotoAsync("/account/login");
        await AssertCleanAsync(login, "sign-in");
        await anonymous.CloseAsync();

        var manager = await browser.App.ActorAsync("salesmgr1@ltchub.local");
        var east = await browser.App.TeamIdAsync(LtcHub.Infrastructure.Seeding.DemoTeams.EastSales);
        var id = await browser.App.Get<LtcHub.Infrastructure.Meetings.MeetingScheduler>().ScheduleAsync(manager,
            new LtcHub.Infrastructure.Meetings.MeetingInput("无障碍周会 · Accessible weekly", DateTime.UtcNow, [east], [], false, "en-US"), startNow: true);
        var page = await browser.SignInAsync("salesmgr1@ltchub.local");
        await page.GotoAsync($"/meetings/{id}");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.Locator("[data-agenda-deal-id]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=focused-name]")).ToBeVisibleAsync();
        await AssertCleanAsync(page, "meeting room");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACard_CanBeCarriedAcrossTheColumns_WithTheKeyboardOnly_AndFocusStaysOnIt()
    {
        var deal = await browser.App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "键盘 · Keyboard carry");
        var page = await browser.SignInAsync("sales1@ltchub.local");
        var card = page.Locator($"[data-stage={StageKeys.Lead}] [data-deal-id='{deal.Id}']");
        await KeysReadyAsync(page);
        var spoken = page.Locator("[data-testid=board-keyboard-live]");

        await card.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(spoken).ToHaveTextAsync("键盘 · Keyboard carry picked up, in Lead. Arrow keys carry it, Space drops it, Escape puts it back.");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(spoken).ToHaveTextAsync("键盘 · Keyboard carry over Negotiation.");
        await Expect(page.Locator($"[data-stage={StageKeys.Negotiation}].drop-target")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Space");

        var moved = page.Locator($"[data-stage={StageKeys.Negotiation}] [data-deal-id='{deal.Id}']");
        await Expect(moved).ToBeVisibleAsync();
        await Expect(moved).ToBeFocusedAsync();
        await Expect(spoken).ToHaveTextAsync("键盘 · Keyboard carry is in Negotiation.");
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(StageKeys.Negotiation, await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Stage.Key).SingleAsync());
        }

        // Escape puts a carried card back where it was, and nothing is written.
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Escape");
        await Expect(spoken).ToHaveTextAsync("键盘 · Keyboard carry put back in Negotiation.");
        await Expect(moved).ToBeVisibleAsync();

        // Dropped on its own column: put back, said so, still focused.
        await page.Keyboard.PressAsync("Space");
        await Expect(spoken).ToHaveTextAsync("键盘 · Keyboard carry picked up, in Negotiation. Arrow keys carry it, Space drops it, Escape puts it back.");
        await page.Keyboard.PressAsync("Space");
        await Expect(spoken).ToHaveTextAsync("键盘 · Keyboard carry put back in Negotiation.");
        await Expect(moved).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDrawerAndTheMoveDialog_TakeTheFocus_CloseOnEscape_GiveItBackToTheCard_AndAreCleanUnderAxe()
    {
        var deal = await browser.App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "焦点 · Focus");
        var page = await browser.SignInAsync("sales1@ltchub.local");
        var card = page.Locator($"[data-stage={StageKeys.Lead}] [data-deal-id='{deal.Id}']");
        await KeysReadyAsync(page);

        await card.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=drawer-title]")).ToBeFocusedAsync();
        await AssertCleanAsync(page, "drawer");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-testid=deal-drawer]")).ToHaveCountAsync(0);
        await Expect(card).ToBeFocusedAsync();

        // Carried to Lost (the last column), the move asks for a reason; Escape cancels and the card stays, focused.
        await page.Keyboard.PressAsync("Space");
        foreach (var _ in Enumerable.Range(0, 12))
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("[data-field=loss-reason]")).ToBeVisibleAsync();
        await AssertCleanAsync(page, "move dialog");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-field=loss-reason]")).ToHaveCountAsync(0);
        await Expect(card).ToBeFocusedAsync();
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(StageKeys.Lead, await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Stage.Key).SingleAsync());
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherPersonsMove_IsReadOutPolitely_InTheReadersLanguage()
    {
        var deal = await browser.App.CreateDealAsync("sales2@ltchub.local", StageKeys.Lead, "播报 · Announced");
        var reader = await browser.SignInAsync("sales1@ltchub.local", "zh-CN");
        var mover = await browser.SignInAsync("sales2@ltchub.local");
        await Expect(reader.Locator($"[data-deal-id='{deal.Id}']")).ToBeVisibleAsync();

        await mover.Locator($"[data-deal-id='{deal.Id}'] [data-testid=card-menu] button").ClickAsync();
        await mover.Locator($"[data-deal-id='{deal.Id}'] [data-move-to={StageKeys.Negotiation}]").ClickAsync();

        var region = reader.Locator("[data-testid=board-announcer]");
        await Expect(region).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(region).ToHaveTextAsync("李伟 Li Wei 把 播报 · Announced 移到了 商务谈判。");
        // The mover is not told of their own move.
        await mover.WaitForTimeoutAsync(2_000);
        await Expect(mover.Locator("[data-testid=board-announcer]")).ToHaveTextAsync("");
        await reader.Context.CloseAsync();
        await mover.Context.CloseAsync();
    }

    /// <summary>What axe finds that fails the test, one line each, saying where (the element and why).</summary>
    private static async Task<IEnumerable<string>> FindingsAsync(IPage page, string where) =>
        (await page.RunAxe(Rules)).Violations.Where(v => v.Impact is "serious" or "critical" || Structure.Contains(v.Id))
            .Select(v => $"{where} {v.Id} ({v.Impact}) ×{v.Nodes.Length}: "
                + string.Join(" | ", v.Nodes.Take(4).Select(n => $"{n.Target} {n.Html} [{string.Join("; ", n.Any.Select(c => c.Message))}]")));

    /// <summary>The board's script has wired the keyboard (after the circuit went live).</summary>
    private static Task KeysReadyAsync(IPage page) =>
        page.Locator("[data-testid=board][data-keyboard=on]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    private async Task AssertCleanAsync(IPage page, string where) => Report([.. await FindingsAsync(page, where)]);

    private void Report(IReadOnlyList<string> found)
    {
        foreach (var line in found)
        {
            output.WriteLine(line);
        }

        Assert.Empty(found);
    }

    private async Task SetThemeAsync(UiTheme theme)
    {
        await using var db = browser.App.CreateDbContext();
        await db.Users.Where(u => u.Email == "admin@ltchub.local").ExecuteUpdateAsync(u => u.SetProperty(x => x.Theme, theme));
    }
}
