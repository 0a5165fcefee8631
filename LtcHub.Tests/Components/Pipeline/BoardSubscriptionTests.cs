using System.Security.Claims;
using Bunit;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Pipeline;
using LtcHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Tests.Components.Pipeline;

public class BoardSubscriptionTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task AnotherPersonsMove_ReachesAnOpenBoard_WithoutReload()
    {
        await SignInAsAsync("salesmgr1@ltchub.local");
        var deal = await App.CreateDealAsync("sales1@ltchub.local", "lead", "bUnit 实时");
        var cut = Render<PipelinePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-stage=lead] [data-deal-id='{deal.Id}']")));

        var sales1 = await App.ActorAsync("sales1@ltchub.local");
        var outcome = await App.Get<PipelineService>().MoveAsync(sales1, deal.Id, deal.Version, "negotiation", LtcHub.Domain.Pipeline.StageEntryInput.Empty);
        Assert.True(outcome.Succeeded);

        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll($"[data-stage=negotiation] [data-deal-id='{deal.Id}']"));
            Assert.Empty(cut.FindAll($"[data-stage=lead] [data-deal-id='{deal.Id}']"));
        });
    }
}

/// <summary>Open/close churn of the board on an empty pipeline (so the cycle measures the page, not the cards).</summary>
public class BoardChurnTests(EmptyLtcHubApp app) : LiveBoardTest(app), IClassFixture<EmptyLtcHubApp>
{
    [Fact]
    public async Task OpeningAndClosingTheBoard_AThousandTimes_LeavesNoSubscriberAndNoPresenceBehind()
    {
        SignIn("someone", "Someone", "Sales");
        var events = App.Get<IBoardEvents>();
        var store = App.Get<BoardStore>();
        var presence = App.Get<BoardPresence>();

        // The first board loads the shared board, which then follows the bus for good: count from there.
        var first = Render<PipelinePage>();
        first.WaitForAssertion(() => Assert.Equal("true", first.Find("[data-testid=board]").GetAttribute("data-board-ready")));
        var perBoard = events.SubscriberCount;
        await DisposeComponentsAsync();
        var baseline = events.SubscriberCount;
        perBoard -= baseline;
        Assert.InRange(perBoard, 1, 4);

        for (var i = 0; i < 1000; i++)
        {
            var cut = Render<PipelinePage>();
            cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=board]").GetAttribute("data-board-ready")));
            Assert.Equal(baseline + perBoard, events.SubscriberCount);
            Assert.Equal(1, store.SubscriberCount);
            Assert.Equal(1, presence.SessionCount);
            await DisposeComponentsAsync();
        }

        Assert.Equal(baseline, events.SubscriberCount);
        Assert.Equal(0, store.SubscriberCount);
        Assert.Equal(1, store.Loads);
        Assert.Equal(0, presence.SessionCount);
        Assert.Empty(presence.Present);
    }

}
