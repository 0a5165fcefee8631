using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ImportBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sales1_ImportsAGb18030LeadFile_SeesThePreview_ARefusedRow_TheProgress_ThenUndoesIt()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var unique = Guid.NewGuid().ToString("N")[..6];
        var csv = $"客户名称,联系人,手机号码,线索来源\r\n浏览器导入{unique}甲公司,钱先生,13700001111,展会\r\n浏览器导入{unique}乙公司,孙女士,12,网站\r\n"
            + $"浏览器导入{unique}丙公司,李经理,13700003333,官网\r\n";
        var file = Path.Combine(Path.GetTempPath(), $"线索{unique}.csv");
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding("GB18030").GetBytes(csv));

        var page = await browser.SignInAsync("sales1@ltchub.local", "zh-CN");
        await page.GotoAsync("/imports");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.Locator("[data-testid=import-upload] input[type=file]").SetInputFilesAsync(file);

        var preview = page.Locator("[data-testid=import-preview]");
        await Expect(preview).ToHaveAttributeAsync("data-encoding", "gb18030");
        await Expect(preview).ToHaveAttributeAsync("data-total", "3");
        await Expect(preview.Locator("th[data-column='0']")).ToContainTextAsync("客户名称");
        await Expect(preview.Locator("[data-field=import-map-0]")).ToContainTextAsync("公司名称");
        await Expect(preview.Locator("tbody")).ToContainTextAsync($"浏览器导入{unique}甲公司");
        await Expect(preview.Locator("tr[data-preview-row='3']")).ToHaveAttributeAsync("data-problems", "1");
        await Expect(preview.Locator("tr[data-preview-row='2']")).ToHaveAttributeAsync("data-problems", "0");
        await BrowserFixture.ScreenshotAsync(page, "import-preview-zh");

        await page.ClickAsync("[data-testid=import-start]");

        var run = page.Locator("[data-testid=import-history] tr[data-import-id]").First;
        await Expect(run).ToHaveAttributeAsync("data-import-status", "Done", new() { Timeout = 60_000 });
        await Expect(run.Locator("[data-testid=import-counts]")).ToContainTextAsync("新建 2");
        await Expect(run.Locator("[data-testid=import-counts]")).ToContainTextAsync("未通过 1");
        await run.Locator("[data-testid=import-show-problems]").ClickAsync();
        await Expect(page.Locator("[data-testid=import-problems] [data-problem-row='3']")).ToContainTextAsync("12");
        await Expect(run.Locator("[data-testid=import-rejected]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/imports/\\d+/rejected.csv"));
        await BrowserFixture.ScreenshotAsync(page, "import-history-zh");
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(2, await db.Accounts.CountAsync(a => a.Name.StartsWith($"浏览器导入{unique}")));
        }

        await run.Locator("[data-testid=import-undo]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "撤销导入" }).ClickAsync();

        await Expect(page.Locator("[data-testid=import-undone]")).ToContainTextAsync("删除 4 条");
        await Expect(run).ToHaveAttributeAsync("data-import-status", "Undone");
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(0, await db.Accounts.CountAsync(a => a.Name.StartsWith($"浏览器导入{unique}")));
        }

        await page.Context.CloseAsync();
    }
}
