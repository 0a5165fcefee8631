using Bunit;
using LtcHub.Infrastructure.Api;
using LtcHub.Tests.Support;
using LtcHub.Tests.Web.Api;
using LtcHub.Web.Components.Pages.Profile;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Profile;

/// <summary>The profile's API tokens: made with a name, scope and expiry, the secret shown once, listed by prefix, revoked.</summary>
public class ApiTokensPanelTests : ComponentTest, IClassFixture<LtcHubApp>
{
    private readonly LtcHubApp _app;

    public ApiTokensPanelTests(LtcHubApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<ApiTokenService>());
        Services.AddSingleton(app.Get<TimeProvider>());
    }

    [Fact]
    public async Task ATokenIsMade_ItsSecretShownOnce_WorksOnTheApi_AndIsRevokedFromTheList()
    {
        var actor = await _app.ActorAsync("salesmgr2@ltchub.local");
        Render<MudPopoverProvider>();
        var cut = Render<ApiTokensPanel>(p => p.Add(c => c.Actor, actor));
        cut.WaitForAssertion(() => Assert.Contains("No tokens yet", cut.Markup));

        cut.Find("[data-field=token-name] input, input[data-field=token-name]").Change("ERP 同步");
        cut.Find("[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("ltc_", cut.Find("[data-testid=new-token-secret]").TextContent));
        var secret = cut.Find("[data-testid=new-token-secret]").TextContent;
        Assert.Contains(secret[..ApiToken.PrefixLength], cut.Find("[data-token-active=true]").TextContent);
        Assert.Contains("ERP 同步", cut.Find("[data-token-active=true]").TextContent);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _app.ApiAs(secret).GetAsync("/api/v1/deals?pageSize=1")).StatusCode);

        cut.Find("[data-testid=revoke-token]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Revoked", cut.Find("[data-token-active=false]").TextContent));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await _app.ApiAs(secret).GetAsync("/api/v1/deals?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task ATokenWithoutAName_IsRefusedWithAMessage_AndNothingIsMade()
    {
        var actor = await _app.ActorAsync("sales5@ltchub.local");
        Render<MudPopoverProvider>();
        var cut = Render<ApiTokensPanel>(p => p.Add(c => c.Actor, actor));

        cut.Find("[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Token name", cut.Find("[data-testid=token-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=new-token-secret]"));
        await using var db = _app.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(t => t.UserId == actor.UserId));
    }
}
