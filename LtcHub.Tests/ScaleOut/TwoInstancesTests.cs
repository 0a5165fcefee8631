using System.Net;
using System.Text.RegularExpressions;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using StackExchange.Redis;

namespace LtcHub.Tests.ScaleOut;

/// <summary>
/// Two LtcHub instances (the real Program.cs, each with its Hangfire server) on one database and a real redis-server:
/// a move on A reaches B's shared board, an alert raised on A reaches B's bell, a sign-in on A is good on B, and each
/// says in /health/ready that Redis answers.
/// </summary>
[Trait("Category", "Redis")]
public sealed class TwoInstancesTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer _redis;
    private readonly ScaledApp _a;
    private readonly ScaledApp _b;

    public TwoInstancesTests(RedisServer redis)
    {
        _redis = redis;
        _a = new ScaledApp(redis.ConnectionString);
        _b = new ScaledApp(redis.ConnectionString, _a.DatabasePath);
    }

    public Task InitializeAsync()
    {
        _ = _a.Services;    // A seeds the demo company; B starts on it
        _ = _b.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task BothInstances_UseTheRedisBus()
    {
        Assert.IsType<RedisBoardEvents>(_a.Get<IBoardEvents>());
        Assert.IsType<RedisBoardEvents>(_b.Get<IBoardEvents>());
        Assert.NotEqual(((RedisBoardEvents)_a.Get<IBoardEvents>()).Instance, ((RedisBoardEvents)_b.Get<IBoardEvents>()).Instance);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AMoveOnA_ShowsOnTheBoardOfB()
    {
        var storeB = _b.Get<BoardStore>();
        var deal = await _a.CreateDealAsync("sales1@ltchub.local", StageKeys.Qualified, "两台服务器 Two servers");
        await WaitUntilAsync(async () => (await storeB.CurrentAsync()).Cards.ContainsKey(deal.Id));
        var sales1 = await _a.ActorAsync("sales1@ltchub.local");

        var changed = new TaskCompletionSource<BoardChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = storeB.Subscribe(c =>
        {
            if (c.Cause is DealMoved && c.Deals.Contains(deal.Id))
            {
                changed.TrySetResult(c);
            }

            return Task.CompletedTask;
        });
        var outcome = await _a.Get<PipelineService>().MoveAsync(sales1, deal.Id, deal.Version, StageKeys.Negotiation, StageEntryInput.Empty);
        Assert.True(outcome.Succeeded);

        var change = await changed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(StageKeys.Negotiation, change.Board.Cards[deal.Id].StageKey);
        Assert.Equal(StageKeys.Negotiation, (await storeB.CurrentAsync()).Cards[deal.Id].StageKey);
    }

    [Fact]
    public async Task AnAlertRaisedOnA_PopsUpForItsReaderOnB()
    {
        var sales2 = await _b.ActorAsync("sales2@ltchub.local");
        var toast = new TaskCompletionSource<NotificationsChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bell = _b.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is NotificationsChanged n && n.UserId == sales2.UserId && n.Toast is not null)
            {
                toast.TrySetResult(n);
            }

            return Task.CompletedTask;
        });

        // As the dunning and reminder jobs do on the instance that ran them: the bell rings for the person, wherever they are.
        await _a.Get<LtcHub.Infrastructure.Notifications.NotificationService>().AnnounceAsync(
            [new LtcHub.Domain.Notifications.Notification(sales2.UserId, "reminder", "two-instances:" + Guid.NewGuid().ToString("N"), "跟进 Follow up: 中科", "/pipeline", DateTime.UtcNow)]);

        Assert.Contains("中科", (await toast.Task.WaitAsync(TimeSpan.FromSeconds(5))).Toast);
    }

    [Fact]
    public async Task ASignInOnA_IsGoodOnB_TheKeysBeingInRedis()
    {
        var cookie = await SignInAsync(_a, "sales1@ltchub.local");
        using var onB = _b.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/meetings");
        request.Headers.Add("Cookie", cookie);

        var response = await onB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Assert.True(await redis.GetDatabase().ListLengthAsync(LtcHub.Web.DependencyInjection.DataProtectionKeys) >= 1);
    }

    [Fact]
    public async Task Health_SaysRedisAnswers_LivenessApart()
    {
        using var client = _b.CreateClient();
        var ready = await client.GetStringAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Contains("\"redis\":\"Healthy\"", ready);
        Assert.Contains("\"database\":\"Healthy\"", ready);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain("redis", await live.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in through A's login form without a cookie jar and returns the cookies a browser would send next.</summary>
    private static async Task<string> SignInAsync(ScaledApp app, string email)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Email"] = email,
                ["Input.Password"] = DemoUsers.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("LtcHub.Auth", StringComparison.Ordinal)));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the other instance never heard of it");
            await Task.Delay(50);
        }
    }
}
