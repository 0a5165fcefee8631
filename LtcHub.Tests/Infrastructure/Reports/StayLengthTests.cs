using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Reports;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtcHub.Tests.Infrastructure.Reports;

/// <summary>
/// Time in stage reads stays as whole seconds from the database, and the period before only as counts per 432-second step:
/// the percentiles must come out as the stays' own, rounded to the hundredth of a day, midpoints included.
/// </summary>
public class StayLengthTests
{
    [Fact]
    public void PercentilesFromStepCounts_EqualThoseOfTheStaysThemselves()
    {
        var random = new Random(13);
        // Lengths on a step (3 h = 0.125 day rounds to 0.12, 9 h = 0.375 to 0.38), just past one, and anything up to 60 days.
        var lengths = new List<long> { 3 * 3600, 9 * 3600, 3 * 3600 + 1, 432, 431, 433, 0 };
        lengths.AddRange(Enumerable.Range(0, 3000).Select(_ => random.NextInt64(0, 60 * 86_400)));
        lengths.AddRange(Enumerable.Range(0, 500).Select(_ => random.NextInt64(0, 20_000) * TimeInStageReport.HalfHundredth));

        for (var take = 1; take <= lengths.Count; take += 97)
        {
            var sample = lengths.Take(take).ToList();
            var exact = sample.Select(l => Math.Round(l / 86_400m, 2)).Order().ToList();
            var steps = sample.GroupBy(l => (Step: l / TimeInStageReport.HalfHundredth, OnStep: l % TimeInStageReport.HalfHundredth == 0))
                .Select(g => (g.Key.Step, g.Key.OnStep, g.Count()));
            var view = TimeInStageReport.DaysView.OfSteps(steps);

            Assert.Equal(exact.Count, view.Count);
            foreach (var share in new[] { 0.5, 0.9 })
            {
                Assert.Equal(ReportData.Percentile(exact, share), ReportData.Percentile(view, share));
            }
        }
    }

    [Fact]
    public void ThreeHours_RoundsToTheEvenHundredth_AsTheDaysBetweenTwoDatesDo()
    {
        var entered = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0.12m, ReportData.DaysBetween(entered, entered.AddHours(3)));
        Assert.Equal(0.12m, TimeInStageReport.DaysView.OfSteps([(3 * 3600 / TimeInStageReport.HalfHundredth, true, 1)])[0]);
        Assert.Equal(0.38m, TimeInStageReport.DaysView.OfSteps([(9 * 3600 / TimeInStageReport.HalfHundredth, true, 1)])[0]);
    }

    [Fact]
    public async Task SecondsInSqlite_AreWholeSecondsSince1970_AsInMemory()
    {
        using var file = new TempDatabase();
        await using var db = file.Context();
        await db.GetService<IMigrator>().MigrateAsync();
        var entered = new DateTime(2026, 10, 1, 8, 0, 0, 900, DateTimeKind.Utc);
        var left = new DateTime(2026, 10, 3, 11, 0, 0, 200, DateTimeKind.Utc);
        db.StageMoves.Add(new StageMove(7, left, "lead", "qualified", entered));
        await db.SaveChangesAsync();

        var read = await db.StageMoves.Select(m => new { In = ReportSql.Seconds(m.EnteredAtUtc!.Value), Out = ReportSql.Seconds(m.AtUtc) }).SingleAsync();

        Assert.Equal(ReportSql.SecondsOf(entered), read.In);
        Assert.Equal(ReportSql.SecondsOf(left), read.Out);
        Assert.Equal(new DateTimeOffset(2026, 10, 3, 11, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), read.Out);
    }
}
