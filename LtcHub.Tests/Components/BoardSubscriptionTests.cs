using System.Security.Claims;
using Bunit;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Pipeline;
using LtcHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Tests.Components;

/// <summary>The board page against the real services (real SQLite, real bus, real presence).</summary>
public class BoardSubscriptionTests : ComponentTest, IClassFixture<LtcHubApp>
{
    private readonly LtcHubApp _app;

    public BoardSubscriptionTests(LtcHubApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<PipelineService>());
        Services.AddSingleton(app.Get<IBoardEvents>());
        Services.AddSingleton(app.Get<BoardPresence>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<CurrentUser>();
    }

    private async Task SignInAsAsync(string email)
    {
        var actor = await _app.ActorAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetRoles([.. actor.Roles]);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId), new Claim(LtcHubClaims.DisplayName, actor.DisplayName));

        // A live circuit (not prerendering): the page subscribes and joins presence.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task AnotherPersonsMove_ReachesAnOpenBoard_WithoutReload()
    {
        await SignInAsAsync("salesmgr1@ltchub.local");
        var deal = await _app.CreateDealAsync("sales1@ltchub.local", "lead", "bUnit 实时");
        var cut = Render<PipelinePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-stage=lead] [data-deal-id='{deal.Id}']")));

        var sales1 = await _app.ActorAsync("sales1@ltchub.local");
        var outcome = await _app.Get<PipelineService>().MoveAsync(sales1, deal.Id, deal.Version, "negotiation", LtcHub.Domain.Pipeline.StageEntryInput.Empty);
        Assert.True(outcome.Succeeded);

        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll($"[data-stage=negotiation] [data-deal-id='{deal.Id}']"));
            Assert.Empty(cut.FindAll($"[data-stage=lead] [data-deal-id='{deal.Id}']"));
        });
    }
}

/// <summary>Open/close churn of the board on an empty pipeline (so the cycle measures the page, not the cards).</summary>
public class BoardChurnTests : ComponentTest, IClassFixture<EmptyLtcHubApp>
{
    private readonly EmptyLtcHubApp _app;

    public BoardChurnTests(EmptyLtcHubApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<PipelineService>());
        Services.AddSingleton(app.Get<IBoardEvents>());
        Services.AddSingleton(app.Get<BoardPresence>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<CurrentUser>();
    }

    private void SignInAsSomeone()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone@ltchub.local");
        auth.SetRoles("Sales");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "someone"), new Claim(LtcHubClaims.DisplayName, "Someone"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task OpeningAndClosingTheBoard_AThousandTimes_LeavesNoSubscriberAndNoPresenceBehind()
    {
        SignInAsSomeone();
        var events = _app.Get<IBoardEvents>();
        var presence = _app.Get<BoardPresence>();
        var baseline = events.SubscriberCount;

        for (var i = 0; i < 1000; i++)
        {
            var cut = Render<PipelinePage>();
            cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=board]").GetAttribute("data-board-ready")));
            Assert.Equal(baseline + 1, events.SubscriberCount);
            Assert.Equal(1, presence.SessionCount);
            await DisposeComponentsAsync();
        }

        Assert.Equal(baseline, events.SubscriberCount);
        Assert.Equal(0, presence.SessionCount);
        Assert.Empty(presence.Present);
    }

}
