using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Reports;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Tests.Infrastructure.Reports;

/// <summary>One computation per report, filter and visibility, shared by its viewers and redone after the data changes.</summary>
public class ReportHubTests(ReportDataset data) : IClassFixture<ReportDataset>
{
    [Fact]
    public async Task ViewersWithTheSameVisibility_ShareOneComputation_ARepGetsTheirOwn()
    {
        var hub = data.Hub;
        var filter = ReportDataset.October with { By = ReportGrouping.Team };
        var before = hub.Computations;
        var ops = new LtcHub.Domain.Teams.Actor("ops", "Ops", new HashSet<string> { LtcHub.Domain.Teams.Roles.Ops }, data.Ops, new HashSet<int>());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => hub.GetAsync(i % 2 == 0 ? data.Admin : ops, ReportNames.Funnel, filter)));
        Assert.Equal(1, hub.Computations - before);
        Assert.All(results, r => Assert.Same(results[0], r));

        await hub.GetAsync(data.RepA, ReportNames.Funnel, filter);
        Assert.Equal(2, hub.Computations - before);
    }

    [Fact]
    public async Task AChangeUnderAWatchedReport_RecomputesItOnceAfterTheQuiet_AndHandsItToEveryWatcher()
    {
        var hub = data.Hub;
        var filter = ReportDataset.October with { By = ReportGrouping.Source };
        var first = await hub.GetAsync(data.Admin, ReportNames.Funnel, filter);
        Assert.Equal(1m, ReportFigureTests.Row(ReportFigureTests.Section(first, "snapshot"), "lead").Cells[1].Value);
        var updates = new List<ReportResult>();
        using var one = hub.Watch(data.Admin, ReportNames.Funnel, filter, r => { lock (updates) { updates.Add(r); } return Task.CompletedTask; });
        using var two = hub.Watch(data.Admin, ReportNames.Funnel, filter, r => { lock (updates) { updates.Add(r); } return Task.CompletedTask; });
        var before = hub.Computations;

        // D6 moves from Lead to Qualified (written as the app writes it), then three events arrive in a burst.
        await using (var db = await data.Services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>().CreateDbContextAsync())
        {
            var qualified = await db.Stages.SingleAsync(s => s.Key == StageKeys.Qualified);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Deals SET StageId = {qualified.Id} WHERE Id = {data.Deals["D6"]}");
        }

        var card = new DealCard(data.Deals["D6"], "D6", 1, "acc3", null, 40_000m, "CNY", "a", "Rep A", data.East, StageKeys.Qualified, DateTime.UtcNow,
            null, null, null, null, 2);
        var bus = data.Services.GetRequiredService<IBoardEvents>();
        for (var i = 0; i < 3; i++)
        {
            await bus.PublishAsync(new DealMoved(card, StageKeys.Lead, "a", "Rep A"));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && updates.Count < 2)
        {
            await Task.Delay(20);
        }

        Assert.Equal(2, updates.Count);
        Assert.Same(updates[0], updates[1]);
        Assert.Equal(1, hub.Computations - before);
        Assert.Equal(0m, ReportFigureTests.Row(ReportFigureTests.Section(updates[0], "snapshot"), "lead").Cells[1].Value);

        // A presence change is not data: nothing is recomputed.
        await bus.PublishAsync(new PresenceChanged([]));
        await Task.Delay(300);
        Assert.Equal(1, hub.Computations - before);
    }

    [Fact]
    public async Task AnUnknownReport_IsNotFound()
    {
        await Assert.ThrowsAsync<LtcHub.Domain.Common.NotFoundException>(() => data.Hub.GetAsync(data.Admin, "nope", ReportDataset.October));
    }
}
