using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.Playwright;

namespace LtcHub.Tests.Browser;

/// <summary>
/// The real app on a Kestrel port and Debian's Chromium driven by Playwright. Each
/// <see cref="SignInAsync"/> opens a new browser context: a different person on their own laptop.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;

    public LtcHubApp App { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Expectations poll until they hold; on 2 shared cores 5 s (the default) is too tight a ceiling.
        Assertions.SetDefaultExpectTimeout(15_000);
        BaseUri = App.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <param name="phone">A 390 × 844 phone (touch, mobile viewport) instead of a 1600 × 900 desktop.</param>
    public async Task<IPage> SignInAsync(string email, string culture = "en-US", bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            Locale = culture,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture },
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1600, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fpipeline");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoUsers.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/pipeline");
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>With LTCHUB_SCREENSHOTS=/folder set, saves what the page shows (for the README and for debugging).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("LTCHUB_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await Task.Delay(500); // let drawers and dialogs finish sliding in
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
        }
    }

    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("#ltchub-ready[data-ready=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
