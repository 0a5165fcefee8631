using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class TrustBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SigningOutOnAnotherDevice_SendsTheLiveBoardToTheSignInPage()
    {
        var laptop = await browser.SignInAsync("sales4@ltchub.local");
        var phone = await browser.SignInAsync("sales4@ltchub.local");

        await phone.ClickAsync("[data-testid=sign-out]");
        await phone.WaitForURLAsync("**/account/login**");

        await laptop.WaitForURLAsync("**/account/login**");
        await laptop.GotoAsync("/pipeline");
        await Expect(laptop).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await laptop.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task AMessageTooLargeForTheCircuit_ShowsTheReconnectNotice_AndTheBoardIsLiveAgain()
    {
        var deal = await browser.App.CreateDealAsync("sales5@ltchub.local", StageKeys.Lead, "重连测试 · Reconnect");
        var page = await browser.SignInAsync("sales5@ltchub.local");
        var modal = page.Locator("[data-testid=reconnect-modal]");

        // Every state the notice goes through is recorded: a quick reconnect can show and hide it between two polls.
        await page.EvalOnSelectorAsync("[data-testid=reconnect-modal]",
            "m => { window.__reconnectStates = []; new MutationObserver(() => window.__reconnectStates.push(m.dataset.state)).observe(m, { attributes: true, attributeFilter: ['data-state'] }); }");

        // The search box allows 200 characters; a script (or a broken extension) can still push 40,000 past it.
        await page.EvalOnSelectorAsync("[data-testid=filter-text] input, input[data-testid=filter-text]",
            "input => { input.removeAttribute('maxlength'); input.value = 'x'.repeat(40000); input.dispatchEvent(new Event('input', { bubbles: true })); }");

        await page.WaitForFunctionAsync("() => window.__reconnectStates.some(s => /show|retrying|failed/.test(s))", null,
            new() { Timeout = 15_000 });
        await Expect(modal).ToHaveAttributeAsync("data-state", "hidden", new() { Timeout = 30_000 });
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        // Live again: someone else's move reaches this board.
        var manager = await browser.App.ActorAsync("salesmgr2@ltchub.local");
        var moved = await browser.App.Get<PipelineService>().MoveAsync(manager, deal.Id, deal.Version, StageKeys.Negotiation, StageEntryInput.Empty);
        Assert.True(moved.Succeeded);
        await page.Locator("[data-testid=filter-text] input, input[data-testid=filter-text]").FillAsync("");
        await Expect(page.Locator($"[data-stage=negotiation] [data-deal-id='{deal.Id}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AClosedBrowser_LeavesOtherPeoplesPresence_WithinSeconds()
    {
        var manager = await browser.SignInAsync("salesmgr2@ltchub.local");
        var rep = await browser.SignInAsync("sales6@ltchub.local");
        var avatar = manager.Locator("[data-testid=presence] [data-present-user='杨磊 Yang Lei']");
        await Expect(avatar).ToHaveCountAsync(1);

        await rep.Context.CloseAsync();

        await Expect(avatar).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await manager.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/pipeline")]
    [InlineData("/meetings")]
    [InlineData("/invoices")]
    [InlineData("/admin/users")]
    [InlineData("/account/profile")]
    public async Task EveryPage_RunsUnderTheContentSecurityPolicy_WithoutAViolation(string path)
    {
        var page = await browser.SignInAsync("admin@ltchub.local");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(path);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.WaitForTimeoutAsync(500);

        var headers = await response!.AllHeadersAsync();
        Assert.StartsWith("default-src 'self'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.False(headers.ContainsKey("server"));
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}
