using System.Net;
using LtcHub.Infrastructure.Api;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;

namespace LtcHub.Tests.Web.Api;

/// <summary>Who may call the API at all: tokens (never the cookie), scopes, revocation, expiry, the rate limit, the document.</summary>
public class ApiAccessTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task NoToken_Is401_WithABearerChallenge_AndATranslatedProblem()
    {
        var response = await app.ApiAs(null, "zh-CN").GetAsync("/api/v1/deals");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await response.JsonAsync();
        Assert.Equal("Api.Unauthorized", problem.GetProperty("code").GetString());
        Assert.Contains("个人访问令牌", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASignedInBrowserCookie_DoesNotOpenTheApi()
    {
        var browser = await app.SignedInAsync("sales1@ltchub.local");

        var response = await browser.GetAsync("/api/v1/deals");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AToken_IsStoredOnlyAsAHash_AndItsLastUseIsRecorded()
    {
        var secret = await app.TokenAsync("sales1@ltchub.local", ApiScope.Read);

        var response = await app.ApiAs(secret).GetAsync("/api/v1/deals?pageSize=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.CreateDbContext();
        var stored = await db.ApiTokens.SingleAsync(t => t.Prefix == secret.Substring(0, ApiToken.PrefixLength));
        Assert.NotEqual(secret, stored.Hash);
        Assert.DoesNotContain(secret, stored.Hash);
        Assert.NotNull(stored.LastUsedAtUtc);
    }

    [Fact]
    public async Task ARevokedToken_IsRefusedAtOnce()
    {
        var actor = await app.ActorAsync("sales2@ltchub.local");
        var made = await app.Get<ApiTokenService>().CreateAsync(actor, "to revoke", ApiScope.Read, LtcHub.Infrastructure.CompanyTime.Today(DateTime.UtcNow).AddDays(5));
        var client = app.ApiAs(made.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/deals")).StatusCode);

        await app.Get<ApiTokenService>().RevokeAsync(actor, made.Token.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/deals")).StatusCode);
        Assert.False((await app.Get<ApiTokenService>().ListAsync(actor)).Single(t => t.Id == made.Token.Id).Active);
    }

    [Fact]
    public async Task AnExpiredToken_IsRefused()
    {
        var secret = await app.TokenAsync("sales3@ltchub.local", ApiScope.Read);
        await using (var db = app.CreateDbContext())
        {
            await db.ApiTokens.Where(t => t.Prefix == secret.Substring(0, ApiToken.PrefixLength))
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiAs(secret).GetAsync("/api/v1/deals")).StatusCode);
    }

    [Fact]
    public async Task AnExpiryInThePastOrBeyondAYear_IsRefused_AndNoTokenIsMade()
    {
        var actor = await app.ActorAsync("ops2@ltchub.local");
        var today = LtcHub.Infrastructure.CompanyTime.Today(DateTime.UtcNow);
        var tokens = app.Get<ApiTokenService>();

        await Assert.ThrowsAsync<LtcHub.Domain.Common.DomainException>(() => tokens.CreateAsync(actor, "past", ApiScope.Read, today));
        await Assert.ThrowsAsync<LtcHub.Domain.Common.DomainException>(() => tokens.CreateAsync(actor, "far", ApiScope.Read, today.AddDays(400)));
        await Assert.ThrowsAsync<LtcHub.Domain.Common.DomainException>(() => tokens.CreateAsync(actor, "  ", ApiScope.Read, today.AddDays(3)));

        Assert.Empty(await tokens.ListAsync(actor));
    }

    [Fact]
    public async Task AReadToken_CannotWrite_AndNothingIsCreated()
    {
        var client = await app.ApiAsync("sales1@ltchub.local", ApiScope.Read);
        int accountId;
        await using (var db = app.CreateDbContext())
        {
            accountId = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        }

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/deals",
            new { name = "Read token deal", accountId, amount = 1000m, currency = "CNY" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Api.ReadOnlyToken", (await response.JsonAsync()).GetProperty("code").GetString());
        await using var check = app.CreateDbContext();
        Assert.False(await check.Deals.AnyAsync(d => d.Name == "Read token deal"));
    }

    [Fact]
    public async Task ADisabledUsersToken_StopsWorking()
    {
        var secret = await app.TokenAsync("sales6@ltchub.local", ApiScope.Read);
        await using (var db = app.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == "sales6@ltchub.local")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnabled, true).SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiAs(secret).GetAsync("/api/v1/deals")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/deals?pageSize=abc", "pageSize")]
    [InlineData("/api/v1/deals?pageSize=500", "pageSize")]
    [InlineData("/api/v1/accounts?updatedSince=yesterday", "updatedSince")]
    [InlineData("/api/v1/leads?source=Billboard", "source")]
    public async Task AnUnreadableQueryValue_Is400_NamingIt(string url, string name)
    {
        var response = await (await app.ApiAsync("sales1@ltchub.local", ApiScope.Read)).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(name, problem.GetProperty("detail").GetString());
        Assert.Contains("Nothing was done", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheApi_AndTheReferencePageIsServed()
    {
        var client = app.CreateAnonymous();

        var document = await (await client.GetAsync("/api/openapi/v1.json")).JsonAsync();
        var docs = await client.GetAsync("/api/docs/");
        var page = await docs.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/deals/{id}/move", paths);
        Assert.Contains("/api/v1/invoices/{id}/payments", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/export", StringComparison.Ordinal));
        Assert.Equal("LtcHub API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("token").GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("LtcHub API", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(new Uri("http://localhost/api/docs/"), script))).StatusCode);
    }
}

/// <summary>The per-token rate limit, on an app with a limit small enough to reach.</summary>
public class ApiRateLimitTests(ApiRateLimitTests.LimitedApp app) : IClassFixture<ApiRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : LtcHubApp
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Api:RequestsPerMinute", "3");
    }

    [Fact]
    public async Task PastTheLimit_ATokenGets429_WithRetryAfter_WhileAnotherTokenStillWorks()
    {
        var busy = await app.ApiAsync("sales1@ltchub.local", ApiScope.Read);
        var other = await app.ApiAsync("sales2@ltchub.local", ApiScope.Read);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await busy.GetAsync("/api/v1/deals?pageSize=1");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal("Api.TooManyRequests", (await last.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/deals?pageSize=1")).StatusCode);
    }
}
