using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ReportsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheFacilitatorFocusesAReport_ItShowsOnAParticipantsScreenAndOnTheWallScreen_AndANumberOpensItsDeals()
    {
        var manager = await browser.App.ActorAsync("salesmgr1@ltchub.local");
        var sales1 = await browser.App.ActorAsync("sales1@ltchub.local");
        var east = await browser.App.TeamIdAsync(DemoTeams.EastSales);
        var id = await browser.App.Get<MeetingScheduler>().ScheduleAsync(manager,
            new MeetingInput("Numbers 数据周会", DateTime.UtcNow, [east], [sales1.UserId], false, "en-US"), startNow: true);

        var lead = await browser.SignInAsync("salesmgr1@ltchub.local");
        var follower = await browser.SignInAsync("sales1@ltchub.local");
        var wall = await browser.SignInAsync("sales1@ltchub.local", "zh-CN");
        await wall.SetViewportSizeAsync(1920, 1080);
        foreach (var page in new[] { lead, follower })
        {
            await page.GotoAsync($"/meetings/{id}");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
        }

        await wall.GotoAsync($"/meetings/{id}/present");
        await BrowserFixture.WaitUntilInteractiveAsync(wall);
        await Expect(wall.Locator("[data-testid=present-waiting]")).ToBeVisibleAsync();

        // The facilitator puts the funnel for the last twelve months on the agenda and focuses it.
        await lead.Locator("[data-field=add-report]").ClickAsync();
        await lead.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Funnel" }).ClickAsync();
        await lead.Locator("[data-field=add-report-period]").ClickAsync();
        await lead.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Last 12 months" }).ClickAsync();
        await lead.Locator("[data-testid=add-report]").ClickAsync();
        await lead.Locator("[data-agenda-report=funnel] [data-testid=focus-report]").ClickAsync();

        await Expect(follower.Locator("[data-testid=meeting-main]")).ToHaveAttributeAsync("data-focused-report", "funnel");
        await Expect(follower.Locator("[data-report=funnel] [data-section=cohort] tbody tr")).ToHaveCountAsync(9);
        await Expect(follower.Locator("[data-report=funnel] [data-mark=weakest]")).ToHaveCountAsync(1);
        await Expect(wall.Locator("[data-testid=present]")).ToHaveAttributeAsync("data-focused-report", "funnel");
        await Expect(wall.Locator("[data-report=funnel] [data-section=cohort] thead")).ToContainTextAsync("阶段转化率");
        await Expect(wall.Locator(".mud-appbar")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(wall, "present-mode");

        // A figure opens the deals behind it.
        await follower.Locator("[data-report=funnel] [data-section=cohort] tbody tr").Nth(1).Locator("button.drill").ClickAsync();
        await Expect(follower.Locator(".mud-dialog [data-deal-id]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(follower, "meeting-report");

        // Focusing a deal puts the report away on every screen.
        await lead.Locator("[data-agenda-deal-id]").First.ClickAsync();
        await Expect(wall.Locator("[data-testid=present]")).ToHaveAttributeAsync("data-focused-report", "");
        await Expect(wall.Locator(".present-deal")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheReportsPage_FiltersGoIntoTheAddress_AndTheCsvLinkFollows_OnAPhoneToo()
    {
        var page = await browser.SignInAsync("finance1@ltchub.local", "en-US", phone: true);
        await page.GotoAsync("/reports/ar-aging");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("[data-report=ar-aging] [data-section=aging] tbody tr").First).ToBeVisibleAsync();

        await page.Locator("input[data-field=buckets], [data-field=buckets] input").FillAsync("15,45");
        await page.Locator("input[data-field=buckets], [data-field=buckets] input").PressAsync("Tab");

        await page.WaitForURLAsync("**/reports/ar-aging?*buckets=15,45*");
        await Expect(page.Locator("[data-section=aging] thead")).ToContainTextAsync("16–45 days");
        await Expect(page.Locator("[data-testid=report-csv]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("buckets=15,45"));
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 400, $"the page is {width} px wide on a 390 px phone");
        await BrowserFixture.ScreenshotAsync(page, "reports-phone");
    }
}
