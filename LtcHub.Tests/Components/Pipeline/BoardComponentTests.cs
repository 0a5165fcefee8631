using Bunit;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Components.Pages.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Pipeline;

public class BoardComponentTests : ComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private static readonly BoardStage Negotiation =
        new(4, StageKeys.Negotiation, "商务谈判", "Negotiation", 4, TeamKind.Sales, 75, 2, 14, EntryRequirement.None);

    private static readonly BoardStage Won = new(5, StageKeys.Won, "赢单", "Won", 5, TeamKind.Sales, 100, null, 7,
        EntryRequirement.Amount | EntryRequirement.CloseDate | EntryRequirement.Contract);

    private static DealCard CardOf(int id, decimal? amount, int? probabilityOverride = null, int daysInStage = 1, DateOnly? due = null) =>
        new(id, $"Deal {id}", 1, "华信科技", "Huaxin Tech", amount, "CNY", "u1", "王芳 Wang Fang", 1, StageKeys.Negotiation,
            Now.AddDays(-daysInStage), due is null ? null : "Call the buyer", due, null, probabilityOverride, 3);

    private IRenderedComponent<BoardColumnHeader> Header(params DealCard[] cards) =>
        Render<BoardColumnHeader>(p => p
            .Add(c => c.Stage, Negotiation)
            .Add(c => c.Totals, ColumnTotals.Of(Negotiation, cards))
            .Add(c => c.English, true));

    [Fact]
    public void ColumnHeader_ShowsCount_Total_AndProbabilityWeightedTotal()
    {
        // 100k and 200k at the stage's 75 %, 300k with a 50 % override: weighted 75k + 150k + 150k.
        var cut = Header(CardOf(1, 100_000m), CardOf(2, 200_000m), CardOf(3, 300_000m, probabilityOverride: 50));

        Assert.Equal("3", cut.Find("[data-testid=column-count]").TextContent);
        Assert.Equal("CN¥600K", cut.Find("[data-testid=column-total]").TextContent.Trim());
        Assert.Equal("Weighted CN¥375K", cut.Find("[data-testid=column-weighted]").TextContent.Trim());
    }

    [Fact]
    public void ColumnHeader_InChinese_UsesWanForLargeSums()
    {
        UseCulture("zh-CN");
        var cut = Header(CardOf(1, 1_200_000m));
        Assert.Equal("¥120万", cut.Find("[data-testid=column-total]").TextContent.Trim());
        Assert.Contains("在制 1 / 2", cut.Find("[data-testid=column-wip]").TextContent);
    }

    [Fact]
    public void ColumnHeader_HighlightsWip_OnlyWhenOverTheLimit()
    {
        var atLimit = Header(CardOf(1, 1m), CardOf(2, 1m));
        Assert.DoesNotContain("wip-exceeded", atLimit.Find("[data-testid=column-header]").ClassName);
        Assert.Contains("WIP 2 / 2", atLimit.Find("[data-testid=column-wip]").TextContent);

        var over = Header(CardOf(1, 1m), CardOf(2, 1m), CardOf(3, 1m));
        Assert.Contains("wip-exceeded", over.Find("[data-testid=column-header]").ClassName);
        Assert.Contains("WIP 3 / 2", over.Find("[data-testid=column-wip]").TextContent);
    }

    private IRenderedComponent<DealCardView> CardView(DealCard card) =>
        Render<DealCardView>(p => p
            .Add(c => c.Card, card)
            .Add(c => c.Stage, Negotiation)
            .Add(c => c.Stages, [Negotiation, Won])
            .Add(c => c.NowUtc, Now)
            .Add(c => c.English, true));

    [Fact]
    public void Card_ShowsStaleBadge_OnlyPastTheStagesDaysUntilStale()
    {
        Assert.Empty(CardView(CardOf(1, 1m, daysInStage: 14)).FindAll("[data-testid=stale-badge]"));
        var stale = CardView(CardOf(1, 1m, daysInStage: 15));
        Assert.Equal("Stale", stale.Find("[data-testid=stale-badge]").TextContent);
        Assert.Contains("15 d in stage", stale.Find("[data-testid=card-days]").TextContent);
    }

    [Fact]
    public void Card_MarksAnOverdueNextStepRed_AndShowsWhoIsEditing()
    {
        var overdue = CardView(CardOf(1, 250_000m, due: new DateOnly(2026, 11, 26)));
        Assert.Contains("overdue", overdue.Find("[data-testid=card-next-step]").ClassName);
        Assert.Equal("CN¥250,000", overdue.Find("[data-testid=card-amount]").TextContent.Trim());

        var onTime = CardView(CardOf(2, 1m, due: new DateOnly(2026, 11, 27)));
        Assert.DoesNotContain("overdue", onTime.Find("[data-testid=card-next-step]").ClassName);

        var edited = Render<DealCardView>(p => p.Add(c => c.Card, CardOf(3, 1m)).Add(c => c.Stage, Negotiation)
            .Add(c => c.Stages, [Negotiation]).Add(c => c.NowUtc, Now).Add(c => c.EditingBy, "赵强 Zhao Qiang"));
        Assert.Equal("赵强 Zhao Qiang is editing", edited.Find("[data-testid=editing-marker]").TextContent);
    }
}
