using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Meetings;

/// <summary>A weekly series on its own database, so "since last meeting" sees exactly the history written here.</summary>
public class SinceLastMeetingTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task TheNextMeetingOfASeries_ShowsWhatChangedSinceTheLastOne()
    {
        var meetings = app.Get<MeetingService>();
        var pipeline = app.Get<PipelineService>();
        var manager = await app.ActorAsync("salesmgr2@ltchub.local");
        var sales4 = await app.ActorAsync("sales4@ltchub.local");
        var south = await app.TeamIdAsync(DemoTeams.SouthSales);

        // Before the first meeting ends: a change that must not show up next time.
        var before = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Lead, "Before");
        Assert.True((await pipeline.MoveAsync(sales4, before.Id, before.Version, StageKeys.Negotiation, StageEntryInput.Empty)).Succeeded);
        var first = await app.Get<MeetingScheduler>().ScheduleAsync(manager, new MeetingInput("华南周会", DateTime.UtcNow, [south], [sales4.UserId], Weekly: true, "zh-CN"), startNow: true);
        await meetings.EndAsync(manager, first);

        var next = (await app.Get<MeetingScheduler>().ListAsync(manager)).Upcoming.Single(m => m.Title == "华南周会" && m.Status == MeetingStatus.Scheduled);
        Assert.Equal(DateTime.UtcNow.AddDays(7).Date, next.ScheduledStartUtc.Date);

        // Between the meetings: a move, a win, a loss, an amount change, a slipped close date and a new deal.
        var moving = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Lead, "Moving");
        var winning = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Negotiation, "Winning", 300_000m);
        var losing = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Proposal, "Losing");
        var repriced = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Lead, "Repriced", 100_000m);
        Assert.True((await pipeline.MoveAsync(sales4, moving.Id, moving.Version, StageKeys.Negotiation, StageEntryInput.Empty)).Succeeded);
        var signed = await app.SignContractAsync(winning);
        Assert.True((await pipeline.MoveAsync(sales4, winning.Id, signed.Version, StageKeys.Won,
            new StageEntryInput(CloseDate: new DateOnly(2026, 12, 1)))).Succeeded);
        Assert.True((await pipeline.MoveAsync(sales4, losing.Id, losing.Version, StageKeys.Lost, new StageEntryInput(LossReason: "价格"))).Succeeded);
        var edit = new DealEdit("Repriced", 150_000m, "CNY", new DateOnly(2026, 12, 20), null, null, null);
        var edited = await pipeline.EditAsync(sales4, repriced.Id, repriced.Version, edit);
        Assert.True(edited.Succeeded);
        Assert.True((await pipeline.EditAsync(sales4, repriced.Id, edited.Card!.Version, edit with { ExpectedCloseDate = new DateOnly(2027, 1, 31) })).Succeeded);

        await app.Get<MeetingScheduler>().StartAsync(manager, next.Id);
        var since = (await app.Get<MeetingRoomReader>().RoomAsync(manager, next.Id))!.Since;

        Assert.True(since.FromPreviousMeeting);
        Assert.Equal(["Moving: lead → negotiation", "Winning: negotiation → won", "Losing: proposal → lost"],
            since.Moves.Select(m => $"{m.DealName}: {m.OldValue} → {m.NewValue}"));
        Assert.Equal("Winning", Assert.Single(since.Won).DealName);
        Assert.Equal("Losing", Assert.Single(since.Lost).DealName);
        Assert.Equal(("100000.00", "150000.00"), (Assert.Single(since.AmountChanges).OldValue, since.AmountChanges[0].NewValue));
        Assert.Equal([("Winning", null, "2026-12-01"), ("Repriced", null, "2026-12-20"), ("Repriced", "2026-12-20", "2027-01-31")],
            since.CloseDateChanges.Select(c => (c.DealName, c.OldValue, c.NewValue)));
        Assert.Equal(["Repriced", "Losing", "Winning", "Moving"], since.NewDeals.Select(d => d.DealName));
        Assert.DoesNotContain(since.Moves, m => m.DealName == "Before");
        Assert.All(since.Moves, m => Assert.Equal(sales4.DisplayName, m.ActorName));

        // The slipped close date put the deal on the new meeting's agenda.
        var room = (await app.Get<MeetingRoomReader>().RoomAsync(manager, next.Id))!;
        Assert.True(room.Agenda.Single(a => a.Card.Id == repriced.Id).Reasons.HasFlag(AgendaReason.CloseDateSlipped));
    }
}
