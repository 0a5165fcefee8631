using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
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
        "/admin/users", "/admin/stages", "/admin/audit", "/admin/products", "/admin/settings", "/leads/settings", "/account/profile", "/quotes/1",
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
                var result = await page.RunAxe(Rules);
                found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical" || Structure.Contains(v.Id))
                    .Select(v => $"{culture} {theme} {v.Id} ({v.Impact}) ×{v.Nodes.Length}: "
                        + string.Join(" | ", v.Nodes.Take(4).Select(n => $"{n.Html} [{string.Join("; ", n.Any.Select(c => c.Message))}]"))));
            }

            await page.Context.CloseAsync();
        }

        await SetThemeAsync(UiTheme.Light);
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
