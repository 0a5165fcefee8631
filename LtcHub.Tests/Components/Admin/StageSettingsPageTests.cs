using Bunit;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Admin;
using LtcHub.Web.Components.Pages.Pipeline;
using MudBlazor;

namespace LtcHub.Tests.Components.Admin;

public class StageSettingsPageTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    private async Task<BoardStage> StageAsync(string key) => (await App.Get<BoardReader>().StagesAsync()).Single(s => s.Key == key);

    private static void Type(IRenderedComponent<StagesPage> cut, string stage, string field, string value) =>
        cut.Find($"[data-stage-settings={stage}] input[data-field={field}], [data-stage-settings={stage}] [data-field={field}] input").Change(value);

    [Fact]
    public async Task BadInput_ShowsTheReason_KeepsTheDraft_AndChangesNothing_ThenASaveAppliesIt()
    {
        await SignInAsAsync("admin@ltchub.local");
        Render<MudPopoverProvider>();
        var before = await StageAsync(StageKeys.Proposal);
        var cut = Render<StagesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-stage-settings=proposal]")));

        Type(cut, "proposal", "name-zh", "报价");
        Type(cut, "proposal", "name-en", " ");
        Type(cut, "proposal", "probability", "40");
        cut.Find("[data-stage-settings=proposal] [data-testid=stage-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("English name", cut.Find("[data-stage-settings=proposal] [data-testid=stage-error]").TextContent));
        Assert.Equal(before, await StageAsync(StageKeys.Proposal));
        Assert.Equal("报价", cut.Find("[data-stage-settings=proposal] input[data-field=name-zh], [data-stage-settings=proposal] [data-field=name-zh] input").GetAttribute("value"));

        Type(cut, "proposal", "name-en", "Offer");
        cut.Find("[data-stage-settings=proposal] [data-testid=stage-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-stage-settings=proposal] [data-testid=stage-error]")));
        var after = await StageAsync(StageKeys.Proposal);
        Assert.Equal(("报价", "Offer", 40), (after.NameZh, after.NameEn, after.Probability));
    }

    [Theory]
    [InlineData("probability", "500", "Probability must be between 0 and 100 %.")]
    [InlineData("probability", "abc", "A value could not be read")]
    [InlineData("wip", "zehn", "A value could not be read")]
    public async Task AnOutOfRangeOrUnreadableNumber_IsRefused_NeverClampedOrEmptied(string field, string typed, string message)
    {
        await SignInAsAsync("admin@ltchub.local");
        Render<MudPopoverProvider>();
        var before = await StageAsync(StageKeys.Negotiation);
        var cut = Render<StagesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-stage-settings=negotiation]")));

        Type(cut, "negotiation", field, typed);
        cut.Find("[data-stage-settings=negotiation] [data-testid=stage-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-stage-settings=negotiation] [data-testid=stage-error]").TextContent));
        Assert.Equal(before, await StageAsync(StageKeys.Negotiation));
    }

    [Fact]
    public async Task ASavedStage_ShowsOnAnOpenBoard_WithoutReload()
    {
        await SignInAsAsync("sales1@ltchub.local");
        var board = Render<PipelinePage>();
        board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll("[data-stage=qualified]")));

        var admin = await App.ActorAsync("admin@ltchub.local");
        var qualified = await StageAsync(StageKeys.Qualified);
        await App.Get<StageSettingsService>().UpdateAsync(admin, qualified.Id, qualified.Version,
            StageSettings.Of(qualified) with { NameEn = "Qualified (BANT)", WipLimit = 999 });

        board.WaitForAssertion(() =>
        {
            Assert.Equal("Qualified (BANT)", board.Find("[data-stage=qualified] .column-name").TextContent);
            Assert.Contains("/ 999", board.Find("[data-stage=qualified] [data-testid=column-wip]").TextContent);
        });
    }
}
