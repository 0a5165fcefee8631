using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Meetings;

public class MeetingServiceTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private MeetingService Meetings => app.Get<MeetingService>();

    private async Task<int> StartEastMeetingAsync(string title, params string[] participantEmails)
    {
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var people = new List<string>();
        foreach (var email in participantEmails)
        {
            people.Add((await app.ActorAsync(email)).UserId);
        }

        return await app.Get<MeetingScheduler>().ScheduleAsync(manager,
            new MeetingInput(title, DateTime.UtcNow, [await app.TeamIdAsync(DemoTeams.EastSales)], people, Weekly: false, "en-US"), startNow: true);
    }

    [Theory]
    [InlineData("sales1@ltchub.local", false)]
    [InlineData("finance1@ltchub.local", false)]
    [InlineData("salesmgr1@ltchub.local", true)]
    [InlineData("ops2@ltchub.local", true)]
    [InlineData("admin@ltchub.local", true)]
    public async Task OnlySalesManagers_Ops_AndAdmins_Schedule(string email, bool allowed)
    {
        var actor = await app.ActorAsync(email);
        var input = new MeetingInput("周会", DateTime.UtcNow.AddDays(1), [await app.TeamIdAsync(DemoTeams.EastSales)], [], false, "zh-CN");

        if (allowed)
        {
            var id = await app.Get<MeetingScheduler>().ScheduleAsync(actor, input);
            Assert.NotNull(await app.Get<MeetingRoomReader>().RoomAsync(actor, id));
        }
        else
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<MeetingScheduler>().ScheduleAsync(actor, input));
        }
    }

    [Fact]
    public async Task OnlyParticipants_AndTheScopesTeams_SeeAMeeting()
    {
        var id = await StartEastMeetingAsync("East only", "ops1@ltchub.local");
        var south = await app.ActorAsync("sales4@ltchub.local");
        var east = await app.ActorAsync("sales2@ltchub.local");
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var ops2 = await app.ActorAsync("ops2@ltchub.local");

        // Not yours to see answers exactly like an id that does not exist: the ids reveal nothing.
        var hidden = await Assert.ThrowsAsync<NotFoundException>(() => app.Get<MeetingRoomReader>().RoomAsync(south, id));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => app.Get<MeetingRoomReader>().RoomAsync(south, 987_654));
        Assert.Equal((missing.Code, missing.Args), (hidden.Code, hidden.Args));
        await Assert.ThrowsAsync<NotFoundException>(() => app.Get<MeetingRoomReader>().RoomAsync(ops2, id));
        Assert.DoesNotContain((await app.Get<MeetingScheduler>().ListAsync(south)).Upcoming, m => m.Id == id);
        Assert.NotNull(await app.Get<MeetingRoomReader>().RoomAsync(east, id));
        Assert.Contains((await app.Get<MeetingScheduler>().ListAsync(ops1)).Upcoming, m => m.Id == id);
    }

    [Fact]
    public async Task Starting_BuildsTheAgendaFromTheScopesDeals()
    {
        // Big enough to be among the won deals the agenda lists (the biggest eight per group).
        var eastWon = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won, "华东 待交接", 90_000_000m);
        var southWon = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Won, "华南 待交接");

        var id = await StartEastMeetingAsync("Agenda");
        var room = (await app.Get<MeetingRoomReader>().RoomAsync(await app.ActorAsync("salesmgr1@ltchub.local"), id))!;

        var item = Assert.Single(room.Agenda, a => a.Card.Id == eastWon.Id);
        Assert.True(item.Reasons.HasFlag(AgendaReason.AwaitingHandoff));
        Assert.DoesNotContain(room.Agenda, a => a.Card.Id == southWon.Id);
        var east = await app.TeamIdAsync(DemoTeams.EastSales);
        Assert.All(room.Agenda, a => Assert.Equal(east, a.Card.TeamId));
        Assert.Equal(room.Agenda.Select(a => a.Group).Order(), room.Agenda.Select(a => a.Group));
    }

    [Fact]
    public async Task OnlyTheFacilitator_DrivesFocus_AndCanHandItOver()
    {
        var id = await StartEastMeetingAsync("Focus", "sales1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead);

        await Assert.ThrowsAsync<ForbiddenException>(() => Meetings.FocusAsync(sales1, id, deal.Id));
        await Meetings.FocusAsync(manager, id, deal.Id);
        Assert.Equal(deal.Id, (await app.Get<MeetingRoomReader>().RoomAsync(sales1, id))!.Focused!.Card.Id);

        await Meetings.HandOverAsync(manager, id, sales1.UserId);
        await Meetings.FocusAsync(sales1, id, null);
        var room = (await app.Get<MeetingRoomReader>().RoomAsync(manager, id))!;
        Assert.Equal((sales1.UserId, (int?)null), (room.Facilitator!.Id, room.Meeting.FocusedDealId));
        await Assert.ThrowsAsync<ForbiddenException>(() => Meetings.FocusAsync(manager, id, deal.Id));
    }

    [Fact]
    public async Task WhenTheFacilitatorLeaves_SomeoneAllowed_CanTakeOver()
    {
        var id = await StartEastMeetingAsync("Take over", "ops1@ltchub.local", "sales1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var presence = app.Get<MeetingPresence>();
        var session = await presence.JoinAsync(id, manager);

        var present = await Assert.ThrowsAsync<DomainException>(() => Meetings.TakeOverAsync(ops1, id));
        Assert.Equal("Error.FacilitatorPresent", present.Code);

        await presence.LeaveAsync(id, session);
        await Assert.ThrowsAsync<ForbiddenException>(() => Meetings.TakeOverAsync(sales1, id));
        await Meetings.TakeOverAsync(ops1, id);
        Assert.Equal(ops1.UserId, (await app.Get<MeetingRoomReader>().RoomAsync(ops1, id))!.Facilitator!.Id);
    }

    [Fact]
    public async Task TwoPeopleWritingNotesAtOnce_BothKeepTheirText()
    {
        var id = await StartEastMeetingAsync("Notes", "sales1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Proposal);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            Meetings.AddEntryAsync(i % 2 == 0 ? manager : sales1, id, deal.Id, MeetingEntryKind.Note, $"note {i} 备注"))));

        var notes = (await app.Get<MeetingRoomReader>().RoomAsync(manager, id))!.Entries.Where(e => e.DealId == deal.Id).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"note {i} 备注").Order(), notes.Select(n => n.Text).Order());
        Assert.Equal(5, notes.Count(n => n.AuthorName == sales1.DisplayName));
    }

    [Fact]
    public async Task Capturing_IsForParticipants_AndAnActionsOwnerMustBelong()
    {
        var id = await StartEastMeetingAsync("Capture", "ops1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var sales2 = await app.ActorAsync("sales2@ltchub.local");

        await Assert.ThrowsAsync<NotFoundException>(() => Meetings.AddEntryAsync(finance, id, null, MeetingEntryKind.Note, "x"));
        var outsider = await Assert.ThrowsAsync<DomainException>(() =>
            Meetings.AddActionAsync(manager, id, null, "Call the bank", finance.UserId, new DateOnly(2026, 12, 4)));
        Assert.Equal("Error.ActionOwnerNotInMeeting", outsider.Code);
        var blank = await Assert.ThrowsAsync<DomainException>(() => Meetings.AddActionAsync(manager, id, null, " ", ops1.UserId, new DateOnly(2026, 12, 4)));
        Assert.Equal("Error.Required", blank.Code);

        // A participant, and a member of the scope's team who is not a participant, may both own an action.
        var forOps = await Meetings.AddActionAsync(manager, id, null, "排期交付", ops1.UserId, new DateOnly(2026, 12, 4));
        await Meetings.AddActionAsync(manager, id, null, "Send the PO", sales2.UserId, new DateOnly(2026, 12, 5));

        var mine = await app.Get<MeetingRoomReader>().MyActionsAsync(ops1);
        Assert.Equal(("排期交付", "Capture"), (mine.Single(a => a.Id == forOps).Text, mine.Single(a => a.Id == forOps).MeetingTitle));
        await Assert.ThrowsAsync<ForbiddenException>(() => Meetings.CompleteActionAsync(sales2, forOps, true));
        await Meetings.CompleteActionAsync(ops1, forOps, true);
        Assert.NotNull((await app.Get<MeetingRoomReader>().MyActionsAsync(ops1)).Single(a => a.Id == forOps).DoneAtUtc);
    }

    [Fact]
    public async Task Ending_StoresMinutes_InTheMeetingsLanguage_WithNotesDecisionsActionsAndMoves()
    {
        var id = await StartEastMeetingAsync("Weekly East", "ops1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won, "Minutes deal 纪要");
        await Meetings.AddAgendaItemAsync(manager, id, deal.Id);
        await Meetings.AddEntryAsync(manager, id, deal.Id, MeetingEntryKind.Note, "Customer wants a January start");
        await Meetings.AddEntryAsync(manager, id, deal.Id, MeetingEntryKind.Decision, "Ops to accept this week");
        await Meetings.AddActionAsync(manager, id, deal.Id, "Plan delivery team", ops1.UserId, new DateOnly(2026, 12, 4));
        var moved = await Meetings.MoveDealAsync(ops1, id, deal.Id, deal.Version, StageKeys.Handoff, new StageEntryInput(OpsAccepted: true));
        Assert.True(moved.Succeeded);
        await Assert.ThrowsAsync<ForbiddenException>(() => Meetings.EndAsync(ops1, id));

        await Meetings.EndAsync(manager, id);

        var (file, markdown) = (await app.Get<MeetingRoomReader>().MinutesAsync(ops1, id))!.Value;
        Assert.StartsWith($"minutes-{id}-", file);
        Assert.Contains("# Minutes: Weekly East", markdown);
        Assert.Contains("**Minutes deal 纪要**", markdown);
        Assert.Contains("Customer wants a January start", markdown);
        Assert.Contains("Ops to accept this week", markdown);
        Assert.Contains("Plan delivery team — owner: 吴刚 Wu Gang, due: 2026-12-04", markdown);
        Assert.Contains("Won → Handoff (by 吴刚 Wu Gang)", markdown);
        Assert.Contains("赵强 Zhao Qiang", markdown[..markdown.IndexOf("## Agenda", StringComparison.Ordinal)]);
        var ended = await Assert.ThrowsAsync<DomainException>(() => Meetings.AddEntryAsync(manager, id, null, MeetingEntryKind.Note, "late"));
        Assert.Equal("Error.MeetingNotLive", ended.Code);
    }
}

public class MeetingRestartTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task AFreshService_AfterARestart_SeesTheRoomExactlyAsItWas()
    {
        var meetings = app.Get<MeetingService>();
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var east = await app.TeamIdAsync(DemoTeams.EastSales);

        var id = await app.Get<MeetingScheduler>().ScheduleAsync(manager, new MeetingInput("Restart", DateTime.UtcNow, [east], [sales1.UserId], false, "zh-CN"), startNow: true);
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation);
        await meetings.AddAgendaItemAsync(manager, id, deal.Id);
        await meetings.FocusAsync(manager, id, deal.Id);
        await meetings.HandOverAsync(manager, id, sales1.UserId);
        await meetings.AddEntryAsync(sales1, id, deal.Id, MeetingEntryKind.Note, "重启前的记录");
        var before = (await app.Get<MeetingRoomReader>().RoomAsync(sales1, id))!;

        // A new process: new services, new (empty) presence and bus, the same database.
        var events = new InProcessBoardEvents(Microsoft.Extensions.Logging.Abstractions.NullLogger<InProcessBoardEvents>.Instance);
        var contexts = app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<LtcHub.Infrastructure.Persistence.LtcHubDbContext>>();
        var pipeline = new PipelineService(contexts, events, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PipelineService>.Instance);
        var board = new BoardReader(contexts);
        var restarted = new MeetingRoomReader(contexts, board, new MeetingHistory(board, TimeProvider.System), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MeetingRoomReader>.Instance);

        var after = (await restarted.RoomAsync(sales1, id))!;
        Assert.Equal((MeetingStatus.Live, deal.Id, sales1.UserId), (after.Meeting.Status, after.Meeting.FocusedDealId, after.Facilitator!.Id));
        Assert.Equal(before.Agenda.Select(a => a.Card.Id), after.Agenda.Select(a => a.Card.Id));
        Assert.Equal("重启前的记录", Assert.Single(after.Entries).Text);
        Assert.Equal(deal.Id, after.Focused!.Card.Id);
    }
}
