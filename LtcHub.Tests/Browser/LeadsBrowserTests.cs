using LtcHub.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class LeadsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sales1_CapturingAVariantOfASales4CustomersName_IsToldItBelongsToLiuYang_WithoutSeeingIt()
    {
        // A customer of sales4 (South) that sales1 (East) has no deal with, and whose name no other company shares.
        string name, city;
        int accountCount;
        await using (var db = browser.App.CreateDbContext())
        {
            var sales1 = await db.Users.Where(u => u.Email == "sales1@ltchub.local").Select(u => u.Id).SingleAsync();
            var sales4 = await db.Users.Where(u => u.Email == "sales4@ltchub.local").Select(u => u.Id).SingleAsync();
            var accounts = await db.Accounts.AsNoTracking().ToListAsync();
            var candidate = accounts.First(a => a.OwnerId == sales4 && a.City is not null && a.Name.StartsWith(a.City, StringComparison.Ordinal)
                && a.Name.EndsWith("有限公司", StringComparison.Ordinal) && !a.Name.Contains("股份", StringComparison.Ordinal)
                && accounts.Count(o => o.NameKey == a.NameKey) == 1
                && !db.Deals.Any(d => d.AccountId == a.Id && d.OwnerId == sales1));
            (name, city, accountCount) = (candidate.Name, candidate.City!, accounts.Count);
        }

        // "上海华信科技有限公司" typed as "（上海）华信科技 有限责任公司": another legal form, the city in full-width brackets, a space.
        var variant = $"（{city}）{name[city.Length..^"有限公司".Length]} 有限责任公司";
        Assert.Equal(Matching.CompanyKey(name), Matching.CompanyKey(variant));

        var page = await browser.SignInAsync("sales1@ltchub.local", "zh-CN");
        await page.GotoAsync("/leads");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=leads] tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "leads-zh");
        await page.ClickAsync("[data-testid=capture-lead]");
        var company = page.Locator("input[data-field=company], [data-field=company] input");
        await company.FillAsync(variant);
        await page.Locator("input[data-field=contact-name], [data-field=contact-name] input").FillAsync("周先生");

        var warning = page.Locator("[data-testid=duplicate-warning]");
        await Expect(warning).ToContainTextAsync("属于 刘洋");
        await Expect(warning.Locator("[data-duplicate-kind=Company]")).ToBeVisibleAsync();
        await Expect(warning).Not.ToContainTextAsync(name);
        await Expect(warning.Locator("a")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=lead-save]")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "duplicate-warning-zh");
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=lead-cancel]");
        await using (var db = browser.App.CreateDbContext())
        {
            Assert.Equal(accountCount, await db.Accounts.CountAsync());
        }

        await page.Context.CloseAsync();
    }
}
