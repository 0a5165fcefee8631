using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ShellBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sales1_SeesTheShell_InEnglishAndChinese()
    {
        var page = await browser.SignInAsync("sales1@ltchub.local", "en-US");

        await Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("王芳 Wang Fang");
        await Expect(page.Locator("[data-nav]")).ToHaveTextAsync(["Pipeline", "Leads", "Customers", "Meetings", "Reports", "Targets", "Contracts", "Invoices", "Import"]);

        await page.ClickAsync("[data-testid=culture-menu] button");
        await page.ClickAsync("[data-culture=zh-CN]");
        await page.WaitForURLAsync("**/pipeline");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await Expect(page.Locator("[data-nav]")).ToHaveTextAsync(["销售管道", "线索", "客户", "会议", "报表", "业绩目标", "合同", "发票", "数据导入"]);
        await Expect(page.Locator("[data-testid=sign-out]")).ToHaveTextAsync("退出登录");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDarkTheme_IsOneSwitch_ColoursEveryCard_AndIsRememberedOnTheNextVisit()
    {
        var page = await browser.SignInAsync("sales2@ltchub.local", "en-US");
        var card = page.Locator("[data-deal-id]").First;
        var lightCard = await card.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

        await page.ClickAsync("[data-testid=theme-switch] button");
        await page.ClickAsync("[data-theme=Dark]");

        await Expect(card).ToHaveCSSAsync("background-color", "rgb(30, 41, 59)");
        Assert.Equal("rgb(255, 255, 255)", lightCard);
        await BrowserFixture.ScreenshotAsync(page, "board-dark-en");
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(UiTheme.Dark, await db.Users.Where(u => u.Email == "sales2@ltchub.local").Select(u => u.Theme).SingleAsync());
        }

        // Another visit (here: a reload) opens in the dark theme from the first paint.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-deal-id]").First).ToHaveCSSAsync("background-color", "rgb(30, 41, 59)");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await page.ClickAsync("[data-testid=theme-switch] button");
        await page.ClickAsync("[data-theme=HighContrast]");
        await Expect(page.Locator(".mud-appbar")).ToHaveCSSAsync("background-color", "rgb(0, 0, 0)");
        await Expect(page.Locator("[data-deal-id]").First).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        await page.Context.CloseAsync();
    }
}
