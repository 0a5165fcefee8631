using LtcHub.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LtcHub.Benchmarks;

/// <summary>Debian's Chromium driven by Playwright; people sign in through the real form.</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LTCHUB_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>Signs <paramref name="email"/> in and returns the cookies, so any number of pages can reuse them.</summary>
    public async Task<string> SignInAsync(Uri baseUri, string email)
    {
        await using var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fpipeline");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoUsers.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/pipeline");
        return await context.StorageStateAsync();
    }

    /// <summary>A new window (own context, shared sign-in) with the live board open and connected.</summary>
    /// <param name="trace">Told where the time goes: each request's end and the circuit's socket, in ms from the start.</param>
    public async Task<IPage> OpenBoardAsync(Uri baseUri, string signedIn, Action<string>? trace = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString(),
            StorageState = signedIn,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        if (trace is not null)
        {
            page.RequestFinished += (_, request) => trace($"{watch.ElapsedMilliseconds,6} ms  {request.Method} {new Uri(request.Url).PathAndQuery}");
            page.WebSocket += (_, socket) => trace($"{watch.ElapsedMilliseconds,6} ms  websocket {new Uri(socket.Url).AbsolutePath}");
        }

        await page.GotoAsync("/pipeline");
        await page.WaitForSelectorAsync("[data-board-ready=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        trace?.Invoke($"{watch.ElapsedMilliseconds,6} ms  board live");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
