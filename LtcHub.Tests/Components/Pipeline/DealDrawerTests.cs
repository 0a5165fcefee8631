using Bunit;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Components.Pipeline;

/// <summary>The deal drawer on the live board: refusals and conflicts are shown in words, and nothing typed is turned into "no value".</summary>
public class DealDrawerTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    private static string Input(string field) => $"input[data-field={field}], [data-field={field}] input";

    private async Task<IRenderedComponent<PipelinePage>> OpenDrawerAsync(DealCard deal)
    {
        await SignInAsAsync("sales1@ltchub.local");
        var cut = Render<PipelinePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-deal-id='{deal.Id}']")));
        cut.Find($"[data-deal-id='{deal.Id}']").Click();
        cut.WaitForAssertion(() => Assert.Equal(deal.Id.ToString(), cut.Find("[data-testid=deal-drawer]").GetAttribute("data-drawer-deal-id")));
        return cut;
    }

    private async Task<decimal?> StoredAmountAsync(int dealId)
    {
        await using var db = App.CreateDbContext();
        return await db.Deals.Where(d => d.Id == dealId).Select(d => d.Amount).SingleAsync();
    }

    [Fact]
    public async Task TypingAbcAsTheAmount_IsRefusedWithAMessage_AndTheAmountStays()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "抽屉 · 金额", 380_000m);
        var cut = await OpenDrawerAsync(deal);

        cut.Find(Input("amount")).Change("abc");
        cut.Find("[data-testid=drawer-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("A value could not be read (it is marked in red). Nothing was saved: correct it and try again.",
            cut.Find("[data-testid=drawer-notice]").TextContent.Trim()));
        Assert.Equal(380_000m, await StoredAmountAsync(deal.Id));
        Assert.Empty(cut.FindAll(".mud-snackbar"));
    }

    [Fact]
    public async Task AProbabilityOf500_IsRefusedWithItsRange_NotSavedAs100()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "抽屉 · 概率");
        var cut = await OpenDrawerAsync(deal);

        cut.Find(Input("probability")).Change("500");
        cut.Find("[data-testid=drawer-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("between 0 and 100", cut.Find("[data-testid=drawer-notice]").TextContent));
        await using var db = App.CreateDbContext();
        Assert.Null(await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.ProbabilityOverride).SingleAsync());
    }

    [Fact]
    public async Task ASaveAfterSomeoneElsesChange_ShowsWhoChangedItFirst_AndKeepsTheDraft()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "抽屉 · 冲突", 100_000m);
        var cut = await OpenDrawerAsync(deal);
        var manager = await App.ActorAsync("salesmgr1@ltchub.local");
        var edited = await App.Get<PipelineService>().EditAsync(manager, deal.Id, deal.Version,
            new DealEdit(deal.Name, 120_000m, "CNY", null, "经理改过", null, null));
        Assert.True(edited.Succeeded);

        // Told at once that someone else changed it…
        cut.WaitForAssertion(() => Assert.StartsWith("赵强 Zhao Qiang has just changed this deal", cut.Find("[data-testid=drawer-notice]").TextContent.Trim()));
        cut.Find(Input("next-step")).Change("我的草稿");
        cut.Find("[data-testid=drawer-save]").Click();

        // …and the save is refused as a conflict naming them, rather than overwriting their amount.
        cut.WaitForAssertion(() => Assert.Equal("赵强 Zhao Qiang moved or changed \"抽屉 · 冲突\" first; it is now in Lead.",
            cut.Find("[data-testid=drawer-notice]").TextContent.Trim()));
        Assert.DoesNotContain("_drawerNotice", cut.Markup);
        Assert.Equal("我的草稿", cut.Find(Input("next-step")).GetAttribute("value"));
        Assert.Equal(120_000m, await StoredAmountAsync(deal.Id));
    }

    [Fact]
    public async Task AValidAmount_IsSaved()
    {
        var deal = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "抽屉 · 保存", 100_000m);
        var cut = await OpenDrawerAsync(deal);

        cut.Find(Input("amount")).Change("250000");
        cut.Find("[data-testid=drawer-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=drawer-notice]")));
        await WaitForAsync(async () => await StoredAmountAsync(deal.Id) == 250_000m);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition());
    }
}
