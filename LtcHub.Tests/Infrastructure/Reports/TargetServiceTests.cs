using LtcHub.Domain.Common;
using LtcHub.Domain.Targets;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Tests.Infrastructure.Reports;

/// <summary>Who sets targets, a stale save refused, a month copied forward, tiers in order.</summary>
public class TargetServiceTests(ReportDataset data) : IClassFixture<ReportDataset>
{
    private TargetService Targets => data.Services.GetRequiredService<TargetService>();

    [Fact]
    public async Task AManagerSetsTheirTeamsAndPeoplesTargets_NotAnotherTeams_ARepNone()
    {
        var saved = await Targets.SetAsync(data.ManagerEast, new TargetInput(2026, 12, "b", null, TargetMeasure.Signed, "CNY", 120_000m, 150_000m, null, 0));
        Assert.Equal((120_000m, 150_000m, 1L), (saved.Target, saved.Stretch, saved.Version));

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Targets.SetAsync(data.ManagerEast, new TargetInput(2026, 12, "c", null, TargetMeasure.Signed, "CNY", 1m, null, null, 0)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Targets.SetAsync(data.ManagerEast, new TargetInput(2026, 12, null, data.South, TargetMeasure.Signed, "CNY", 1m, null, null, 0)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Targets.SetAsync(data.RepA, new TargetInput(2026, 12, "a", null, TargetMeasure.Signed, "CNY", 1m, null, null, 0)));

        var year = await Targets.YearAsync(data.Admin, 2026);
        Assert.Single(year, t => t.Month == 12 && t.Target.UserId == "b");
        Assert.DoesNotContain(year, t => t.Month == 12 && t.Target.UserId is "a" or "c");
    }

    [Fact]
    public async Task ASaveOnAStaleVersion_IsRefusedNamingWhoSavedFirst_AndChangesNothing()
    {
        await Targets.SetAsync(data.ManagerEast, new TargetInput(2027, 1, null, data.East, TargetMeasure.Collected, "CNY", 300_000m, null, null, 0));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            Targets.SetAsync(data.Admin, new TargetInput(2027, 1, null, data.East, TargetMeasure.Collected, "CNY", 999m, null, null, 0)));
        Assert.Equal("Manager East", conflict.ChangedBy);
        var stored = (await Targets.YearAsync(data.Admin, 2027)).Single(t => t.Target.TeamId == data.East && t.Target.Measure == TargetMeasure.Collected);
        Assert.Equal(300_000m, stored.Target.Target);
    }

    [Fact]
    public async Task CopyForward_FillsOnlyEmptyPlaces_TheCopierMaySet_AndAnnounces()
    {
        var changes = new List<TargetsChanged>();
        using var subscription = data.Services.GetRequiredService<IBoardEvents>().Subscribe(e =>
        {
            if (e is TargetsChanged changed)
            {
                lock (changes) { changes.Add(changed); }
            }

            return Task.CompletedTask;
        });
        // November already has one of East's October targets, changed.
        await Targets.SetAsync(data.Admin, new TargetInput(2026, 11, null, data.East, TargetMeasure.Signed, "CNY", 700_000m, null, null, 0));

        var copied = await Targets.CopyForwardAsync(data.ManagerEast, 2026, 11);

        // October: A ×2, East ×5 (signed, qualified leads, conversion, cycle, DSO) are East's; South and Ops are not the manager's.
        // East's signed target is there already: 6 copied.
        Assert.Equal(6, copied);
        var november = (await Targets.YearAsync(data.Admin, 2026)).Where(t => t.Month == 11).Select(t => t.Target).ToList();
        Assert.Equal(700_000m, november.Single(t => t.TeamId == data.East && t.Measure == TargetMeasure.Signed).Target);
        Assert.Equal((100_000m, 150_000m, 200_000m), november.Where(t => t.UserId == "a" && t.Measure == TargetMeasure.Signed).Select(t => (t.Target, t.Stretch!.Value, t.Challenge!.Value)).Single());
        Assert.DoesNotContain(november, t => t.TeamId == data.South || t.TeamId == data.Ops);
        Assert.Equal(0, await Targets.CopyForwardAsync(data.ManagerEast, 2026, 11));
        await Task.Delay(100);
        Assert.Contains(changes, c => c.Year == 2026 && c.Month == 11);
    }

    [Theory]
    [InlineData(100, 90, null, "Error.TargetTiersOrder")]
    [InlineData(100, 150, 120, "Error.TargetTiersOrder")]
    [InlineData(-1, null, null, "Error.TargetRange")]
    public void TiersMustRise_AndNotBeNegative(int target, int? stretch, int? challenge, string code)
    {
        var row = new SalesTarget(2026, 10, "a", null, TargetMeasure.Signed, "CNY");
        var refused = Assert.Throws<DomainException>(() => row.Set(target, stretch, challenge, "admin", DateTime.UtcNow));
        Assert.Equal(code, refused.Code);
    }

    [Fact]
    public void ACountIsWhole_APercentAtMost100_AndTheTierReachedIsTheHighest()
    {
        Assert.Equal("Error.TargetWhole", Assert.Throws<DomainException>(() =>
            new SalesTarget(2026, 10, "a", null, TargetMeasure.NewCustomers, "").Set(1.5m, null, null, "admin", DateTime.UtcNow)).Code);
        Assert.Equal("Error.TargetPercent", Assert.Throws<DomainException>(() =>
            new SalesTarget(2026, 10, null, 1, TargetMeasure.ConversionPercent, "").Set(120m, null, null, "admin", DateTime.UtcNow)).Code);
        Assert.Equal("Error.InvalidPeriod", Assert.Throws<DomainException>(() => new SalesTarget(2026, 13, "a", null, TargetMeasure.Signed, "CNY")).Code);

        Assert.Equal(TargetTier.None, SalesTarget.TierOf(99m, 100m, 150m, 200m));
        Assert.Equal(TargetTier.Target, SalesTarget.TierOf(100m, 100m, 150m, 200m));
        Assert.Equal(TargetTier.Stretch, SalesTarget.TierOf(199m, 100m, 150m, 200m));
        Assert.Equal(TargetTier.Challenge, SalesTarget.TierOf(250m, 100m, 150m, 200m));
    }
}
