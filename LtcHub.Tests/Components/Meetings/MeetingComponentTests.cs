using Bunit;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Meetings;

public class AgendaPanelTests : ComponentTest
{
    private static readonly IReadOnlyList<BoardStage> Stages = DefaultPipeline.Create()
        .Select((s, i) => new BoardStage(i + 1, s.Key, s.NameZh, s.NameEn, s.Order, s.OwningTeam, s.Probability, s.WipLimit, s.DaysUntilStale, s.EntryRules))
        .ToList();

    private static AgendaLine Line(int id, AgendaReason reasons, string stage = StageKeys.Negotiation) =>
        new(id, new DealCard(id, $"Deal {id}", 1, "华信", "Huaxin", id * 1_000m, "CNY", "u", "U", 1, stage, DateTime.UtcNow, null, null, null, null, 1),
            reasons, id);

    [Fact]
    public void TheAgenda_IsGroupedByFirstReason_InOrder_WithTheOtherReasonsShown()
    {
        var cut = Render<AgendaPanel>(p => p
            .Add(c => c.Agenda, [Line(1, AgendaReason.AwaitingHandoff, StageKeys.Won), Line(2, AgendaReason.Stale | AgendaReason.Biggest), Line(3, AgendaReason.Stale)])
            .Add(c => c.Stages, Stages)
            .Add(c => c.English, true));

        Assert.Equal(["Awaiting ops acceptance (1)", "Stale (2)"], cut.FindAll(".agenda-group").Select(g => g.TextContent));
        Assert.Equal(["1", "2", "3"], cut.FindAll("[data-agenda-deal-id]").Select(e => e.GetAttribute("data-agenda-deal-id")));
        Assert.Contains("Biggest open deals", cut.Find("[data-agenda-deal-id='2']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=agenda-remove]"));
    }

    [Fact]
    public void TheFacilitator_GetsTheTools_AndPickingAnItemReportsItsDeal()
    {
        int? picked = null;
        var cut = Render<AgendaPanel>(p => p
            .Add(c => c.Agenda, [Line(7, AgendaReason.Stale)])
            .Add(c => c.Stages, Stages)
            .Add(c => c.CanEdit, true)
            .Add(c => c.OnSelect, id => picked = id));

        Assert.Single(cut.FindAll("[data-testid=agenda-remove]"));
        cut.Find("[data-agenda-deal-id='7']").Click();
        Assert.Equal(7, picked);
    }
}

public class MeetingRoomTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    private void AddMeetingServices()
    {
        Services.AddSingleton(App.Get<MeetingService>());
        Services.AddSingleton(App.Get<MeetingReports>());
        Services.AddSingleton(App.Get<MeetingRoomReader>());
        Services.AddSingleton(App.Get<MeetingScheduler>());
        Services.AddSingleton(App.Get<MeetingPresence>());
    }

    [Fact]
    public async Task AParticipant_FollowsTheFacilitatorsFocus_UntilBrowsingFreely_AndBackAgain()
    {
        AddMeetingServices();
        var manager = await App.ActorAsync("salesmgr1@ltchub.local");
        var sales1 = await App.ActorAsync("sales1@ltchub.local");
        var east = await App.TeamIdAsync(DemoTeams.EastSales);

        var meetings = App.Get<MeetingService>();
        var id = await App.Get<MeetingScheduler>().ScheduleAsync(manager, new MeetingInput("bUnit room", DateTime.UtcNow, [east], [sales1.UserId], false, "en-US"), startNow: true);
        var first = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "First focus");
        var second = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "Browsed deal");
        var third = await App.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "Second focus");
        await meetings.AddAgendaItemAsync(manager, id, second.Id);
        SignIn(sales1.UserId, sales1.DisplayName, Roles.Sales);
        Render<MudPopoverProvider>();

        var cut = Render<MeetingRoomPage>(p => p.Add(c => c.Id, id));
        string Focused() => cut.Find("[data-testid=meeting-main]").GetAttribute("data-focused-deal-id")!;
        cut.WaitForAssertion(() => Assert.Equal("", Focused()));

        await meetings.FocusAsync(manager, id, first.Id);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(first.Id.ToString(), Focused());
            Assert.Equal("First focus", cut.Find("[data-testid=focused-name]").TextContent);
        });

        // Picking an agenda item yourself = browsing freely: the facilitator's next focus does not pull you away.
        cut.Find($"[data-agenda-deal-id='{second.Id}']").Click();
        cut.WaitForAssertion(() => Assert.Equal(second.Id.ToString(), Focused()));
        Assert.NotEmpty(cut.FindAll("[data-testid=browsing-notice]"));
        await meetings.FocusAsync(manager, id, third.Id);
        cut.WaitForAssertion(() => Assert.Equal("Browsed deal", cut.Find("[data-testid=focused-name]").TextContent));
        Assert.Equal(second.Id.ToString(), Focused());

        // Follow again: straight to what the facilitator shows now.
        cut.Find("input[data-testid=follow-toggle], [data-testid=follow-toggle] input").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(third.Id.ToString(), Focused()));
        Assert.Empty(cut.FindAll("[data-testid=browsing-notice]"));
    }
}
