using System.Net;
using System.Net.Sockets;
using Hangfire;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Browser;
using LtcHub.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;
using static Microsoft.Playwright.Assertions;

namespace LtcHub.Tests.ScaleOut;

/// <summary>
/// Two LtcHub instances behind a real reverse proxy (YARP, session affinity by cookie, active health checks on
/// /health/ready) with a real redis-server, and Chromium through the proxy: two people pinned to different instances
/// see each other's moves and each other on the board, a job run on one instance pops up on a page served by the other;
/// when one instance stops, its people reload onto the other.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Redis")]
public sealed class ProxiedInstancesBrowserTests : IAsyncLifetime
{
    public const string AffinityCookie = "LtcHub.Instance";

    /// <summary>The proxy names the instance that answered (for the test to know whom to stop).</summary>
    public const string InstanceHeader = "x-proxied-to";

    private readonly RedisServer _redis = new();
    private readonly int _proxyPort = FreePort();
    private ScaledApp _a = null!;
    private ScaledApp _b = null!;
    private Uri _aAddress = null!;
    private WebApplication _proxy = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private string ProxyOrigin => $"http://127.0.0.1:{_proxyPort}";

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        await _redis.InitializeAsync();
        _a = new ScaledApp(_redis.ConnectionString, publicOrigin: ProxyOrigin);
        var a = _aAddress = _a.StartKestrel();
        _b = new ScaledApp(_redis.ConnectionString, _a.DatabasePath, ProxyOrigin);
        var b = _b.StartKestrel();
        _proxy = Proxy(_proxyPort, a, b);
        await _proxy.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _proxy.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task TwoPeopleOnTwoInstances_SeeEachOthersMoves_AndWhenOneStops_ItsPeopleReloadOntoTheOther()
    {
        var deal = await _a.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "两台服务器 · 代理");
        var sales1 = await SignInAsync("sales1@ltchub.local", "a");
        var manager = await SignInAsync("salesmgr1@ltchub.local", "b");

        // Each sees the other present, though their circuits live in different processes.
        await Expect(sales1.Locator("[data-present-user='赵强 Zhao Qiang']")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-present-user='王芳 Wang Fang']")).ToHaveCountAsync(1);

        // Prometheus scrapes each instance itself (not through the proxy): the open circuits are counted.
        using (var scraper = new HttpClient { BaseAddress = _aAddress })
        {
            var metrics = await scraper.GetStringAsync("/metrics");
            var open = metrics.Split('\n').Where(l => l.StartsWith("ltchub_circuits_open", StringComparison.Ordinal))
                .Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(open >= 1, metrics);
        }

        await Card(sales1, StageKeys.Lead, deal.Id).Locator("[data-testid=card-menu] button").ClickAsync();
        await sales1.Locator($"[data-move-to={StageKeys.Negotiation}]").ClickAsync();

        await Expect(Card(sales1, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await Expect(Card(manager, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await Expect(Card(manager, StageKeys.Lead, deal.Id)).ToHaveCountAsync(0);

        // A Hangfire job run on instance A raises the manager's reminder; their page, served by B, hears it live: the bell's
        // count rises and a toast shows (the first run brings the demo company's due reminders too, counted in the bell).
        var own = await _a.CreateDealAsync("salesmgr1@ltchub.local", StageKeys.Lead, "提醒跨实例 Reminder across instances");
        await _a.Get<PipelineService>().EditAsync(await _a.ActorAsync("salesmgr1@ltchub.local"), own.Id, own.Version,
            new DealEdit(own.Name, own.Amount, "CNY", null, "回电话 Call back", CompanyTime.Today(TimeProvider.System), null));
        var bell = manager.Locator("[data-testid=bell-count]");
        var unread = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        _a.Get<IRecurringJobManager>().Trigger("reminders");
        await Expect(bell).Not.ToHaveAttributeAsync("data-unread", unread.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(manager.Locator(".mud-snackbar").Last).ToBeVisibleAsync();

        // The manager's instance stops; the proxy sees it fail its health check and sends the reload to the other one,
        // where the same sign-in holds (shared keys, sessions in the database) and the board is whole.
        await _b.DisposeAsync();
        Assert.Equal("a", await ReloadUntilAnsweredAsync(manager));
        await BrowserFixture.WaitUntilInteractiveAsync(manager);
        Assert.EndsWith("/pipeline", manager.Url);
        await Expect(Card(manager, StageKeys.Negotiation, deal.Id)).ToBeVisibleAsync();
        await Expect(manager.Locator("[data-present-user='王芳 Wang Fang']")).ToHaveCountAsync(1);
    }

    /// <summary>Reloads as a person would after the reconnect notice, until the proxy has marked the stopped instance down.</summary>
    private static async Task<string> ReloadUntilAnsweredAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var status = 0;
            try
            {
                var response = await page.ReloadAsync();
                if (response is { Ok: true })
                {
                    return response.Headers[InstanceHeader];
                }

                status = response?.Status ?? 0;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"The proxy still answers {status} 20 s after an instance stopped");
            await Task.Delay(500);
        }
    }

    private static ILocator Card(IPage page, string stage, int dealId) => page.Locator($"[data-stage={stage}] [data-deal-id='{dealId}']");

    /// <summary>Signs in through the proxy, in a fresh context until the proxy pins it to <paramref name="instance"/>.</summary>
    private async Task<IPage> SignInAsync(string email, string instance)
    {
        for (var attempt = 0; ; attempt++)
        {
            var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = ProxyOrigin, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            var login = await page.GotoAsync("/account/login?returnUrl=%2Fpipeline");
            if (login!.Headers[InstanceHeader] != instance)
            {
                Assert.True(attempt < 6, $"The proxy never sent a new visitor to instance {instance}");
                await context.CloseAsync();
                continue;
            }

            await page.FillAsync("#email", email);
            await page.FillAsync("#password", DemoUsers.Password);
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForURLAsync("**/pipeline");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            return page;
        }
    }

    private static WebApplication Proxy(int port, Uri a, Uri b)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "ltchub", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig
            {
                ClusterId = "ltchub",
                LoadBalancingPolicy = "RoundRobin",
                SessionAffinity = new SessionAffinityConfig { Enabled = true, Policy = "HashCookie", AffinityKeyName = AffinityCookie, FailurePolicy = "Redistribute" },
                HealthCheck = new HealthCheckConfig
                {
                    Passive = new PassiveHealthCheckConfig { Enabled = true, ReactivationPeriod = TimeSpan.FromSeconds(30) },
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1), Policy = "ConsecutiveFailures", Path = "/health/ready" },
                },
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["a"] = new() { Address = a.ToString() },
                    ["b"] = new() { Address = b.ToString() },
                },
            }])
            .AddTransforms(t =>
            {
                // As HAProxy and nginx do when told: the app sees the address people use, so its redirects point there.
                t.AddOriginalHost(true);
                t.AddResponseTransform(r =>
                {
                    r.HttpContext.Response.Headers[InstanceHeader] = r.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId;
                    return ValueTask.CompletedTask;
                });
            });
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
