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
        await Expect(page.Locator("[data-nav]")).ToHaveTextAsync(["Pipeline", "Meetings", "Contracts", "Invoices"]);

        await page.ClickAsync("[data-testid=culture-menu] button");
        await page.ClickAsync("[data-culture=zh-CN]");
        await page.WaitForURLAsync("**/pipeline");
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await Expect(page.Locator("[data-nav]")).ToHaveTextAsync(["销售管道", "会议", "合同", "发票"]);
        await Expect(page.Locator("[data-testid=sign-out]")).ToHaveTextAsync("退出登录");
        await page.Context.CloseAsync();
    }
}
