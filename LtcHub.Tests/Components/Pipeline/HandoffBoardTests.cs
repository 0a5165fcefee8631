using Bunit;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Components.Pipeline;

public class HandoffBoardTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task Ops_SeeTheQueue_WithDeliveryLoad_AndAccepting_MovesTheCardToHandoff()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Won, "待交接 bUnit");
        await SignInAsAsync("ops1@ltchub.local");
        await using var db = App.CreateDbContext();
        var inDelivery = await db.Deals.CountAsync(d => d.Stage.Key == StageKeys.Delivery);
        var deliveryLimit = (await db.Stages.SingleAsync(s => s.Key == StageKeys.Delivery)).WipLimit;

        var cut = Render<PipelinePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-handoff-deal-id='{deal.Id}']")));
        Assert.Equal($"Delivery: {inDelivery} / {deliveryLimit}", cut.Find("[data-testid=delivery-load]").TextContent.Trim());
        cut.Find($"[data-handoff-deal-id='{deal.Id}'] [data-testid=handoff-accept]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll($"[data-stage=handoff] [data-deal-id='{deal.Id}']"));
            Assert.Empty(cut.FindAll($"[data-handoff-deal-id='{deal.Id}']"));
        });
        Assert.Equal(StageKeys.Handoff, await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Stage.Key).SingleAsync());
    }

    [Fact]
    public async Task Sales_HaveNoQueue_ButSeeAPushBackOnTheirCard_Live()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Won, "退回 bUnit");
        await SignInAsAsync("sales1@ltchub.local");
        var cut = Render<PipelinePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-stage=won] [data-deal-id='{deal.Id}']")));
        Assert.Empty(cut.FindAll("[data-testid=toggle-handoff]"));
        Assert.Empty(cut.FindAll("[data-testid=handoff-queue]"));

        var ops1 = await App.ActorAsync("ops1@ltchub.local");
        Assert.True((await App.Get<PipelineService>().PushBackHandoffAsync(ops1, deal.Id, deal.Version, "请补充采购订单号")).Succeeded);

        cut.WaitForAssertion(() =>
            Assert.Equal("请补充采购订单号", cut.Find($"[data-deal-id='{deal.Id}'] [data-testid=pushback-badge]").GetAttribute("title")));
    }

    [Fact]
    public async Task TheFilter_IsSaved_AndComesBackOnTheNextVisit()
    {
        var mine = await App.CreateDealAsync("sales2@ltchub.local", StageKeys.Lead, "过滤器 Zeta 项目");
        await SignInAsAsync("sales2@ltchub.local");
        var first = Render<PipelinePage>();
        first.WaitForAssertion(() => Assert.NotEmpty(first.FindAll("[data-deal-id]")));

        first.Find("input[data-testid=filter-text], [data-testid=filter-text] input").Input("Zeta");

        first.WaitForAssertion(() => Assert.Single(first.FindAll("[data-deal-id]")), TimeSpan.FromSeconds(5));
        var actor = await App.ActorAsync("sales2@ltchub.local");
        var saved = BoardFilter.Everything;
        for (var i = 0; i < 50 && saved.Text is null; i++)
        {
            await Task.Delay(100);
            saved = await App.Get<BoardPreferences>().FilterAsync(actor.UserId);
        }

        Assert.Equal("Zeta", saved.Text);

        var second = Render<PipelinePage>();
        second.WaitForAssertion(() => Assert.Equal(mine.Id.ToString(), Assert.Single(second.FindAll("[data-deal-id]")).GetAttribute("data-deal-id")));
    }
}
