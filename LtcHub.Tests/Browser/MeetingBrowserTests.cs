using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class MeetingBrowserTests(BrowserFixture browser)
{
    private static ILocator RoomMain(IPage page) => page.Locator("[data-testid=meeting-main]");

    /// <summary>Escape closes a multi-select's list; on a busy machine the first key can come before the list listens.</summary>
    private static async Task ClosePopoverAsync(IPage page)
    {
        var open = page.Locator(".mud-popover-open .mud-list-item");
        for (var attempt = 0; attempt < 5 && await open.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForTimeoutAsync(300);
        }

        await Expect(open).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Salesmgr1LeadsAMeeting_OthersFollowTheFocus_AnActionReachesOps1_AndTheMinutesHoldIt()
    {
        var manager = await browser.SignInAsync("salesmgr1@ltchub.local", "en-US");
        var sales1 = await browser.SignInAsync("sales1@ltchub.local", "en-US");
        var ops1 = await browser.SignInAsync("ops1@ltchub.local", "en-US");

        // salesmgr1 starts a meeting now, with sales1 and ops1.
        await manager.GotoAsync("/meetings");
        await BrowserFixture.WaitUntilInteractiveAsync(manager);
        await manager.Locator("[data-testid=start-meeting]").ClickAsync();
        var dialog = manager.Locator("[data-testid=meeting-dialog]");
        await dialog.Locator("input[data-field=title], [data-field=title] input").FillAsync("Browser weekly 周会");
        await dialog.Locator("[data-field=participants]").ClickAsync();
        await manager.Locator(".mud-popover-open .mud-list-item", new() { HasText = "王芳 Wang Fang" }).ClickAsync();
        await manager.Locator(".mud-popover-open .mud-list-item", new() { HasText = "吴刚 Wu Gang" }).ClickAsync();
        await ClosePopoverAsync(manager);
        await manager.Locator("[data-testid=meeting-submit]").ClickAsync();
        await manager.WaitForURLAsync("**/meetings/*");
        var roomUrl = manager.Url;

        foreach (var page in new[] { sales1, ops1 })
        {
            await page.GotoAsync(roomUrl);
            await BrowserFixture.WaitUntilInteractiveAsync(page);
        }

        await Expect(manager.Locator("[data-testid=room-presence] [data-present-user]")).ToHaveCountAsync(3);
        await Expect(RoomMain(sales1)).ToHaveAttributeAsync("data-focused-deal-id", "");

        // Focus: the facilitator picks an agenda item; both other views follow.
        var item = manager.Locator("[data-agenda-deal-id]").First;
        var dealId = await item.GetAttributeAsync("data-agenda-deal-id");
        await item.ClickAsync();
        await Expect(RoomMain(manager)).ToHaveAttributeAsync("data-focused-deal-id", dealId!);
        await Expect(RoomMain(sales1)).ToHaveAttributeAsync("data-focused-deal-id", dealId!);
        await Expect(RoomMain(ops1)).ToHaveAttributeAsync("data-focused-deal-id", dealId!);

        // A screen reader in the room is told what is in focus now; the facilitator, who chose it, is not.
        var focusedName = await sales1.Locator("[data-testid=focused-name]").TextContentAsync();
        await Expect(sales1.Locator("[data-testid=room-announcer]")).ToHaveTextAsync($"In focus now: {focusedName}.");
        await Expect(manager.Locator("[data-testid=room-announcer]")).ToHaveTextAsync("");

        // An action item for ops1 on that deal.
        await manager.Locator("input[data-field=action-text], [data-field=action-text] input").FillAsync("Plan the delivery team 安排交付");
        await manager.Locator("[data-field=action-owner]").ClickAsync();
        await manager.Locator(".mud-popover-open .mud-list-item", new() { HasText = "吴刚 Wu Gang" }).ClickAsync();
        await manager.Locator("input[data-field=action-due], [data-field=action-due] input").FillAsync(new DateTime(2026, 12, 4).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        await manager.Locator("input[data-field=action-due], [data-field=action-due] input").PressAsync("Tab");
        await Expect(manager.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await manager.Locator("[data-testid=add-action]").ClickAsync();
        try
        {
            await Expect(ops1.Locator("[data-testid=actions]")).ToContainTextAsync("Plan the delivery team 安排交付");
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(manager, "failed-action-manager");
            await BrowserFixture.ScreenshotAsync(ops1, "failed-action-ops1");
            throw;
        }
        await BrowserFixture.ScreenshotAsync(manager, "meeting-room");

        var actions = await browser.SignInAsync("ops1@ltchub.local", "en-US");
        await actions.GotoAsync("/meetings");
        await Expect(actions.Locator("[data-testid=my-actions]")).ToContainTextAsync("Plan the delivery team 安排交付");
        await Expect(actions.Locator("[data-testid=my-actions]")).ToContainTextAsync("Browser weekly 周会");

        // End: minutes, for everyone in the room.
        await manager.Locator("[data-testid=end-meeting]").ClickAsync();
        await manager.Locator(".mud-dialog .mud-button-root", new() { HasText = "End meeting" }).Last.ClickAsync();
        await Expect(manager.Locator("[data-testid=minutes-text]")).ToContainTextAsync("Plan the delivery team 安排交付");
        await Expect(sales1.Locator("[data-testid=minutes-text]")).ToContainTextAsync("owner: 吴刚 Wu Gang");
    }
}
