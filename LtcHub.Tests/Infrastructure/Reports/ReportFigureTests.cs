using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Reports;

namespace LtcHub.Tests.Infrastructure.Reports;

/// <summary>Every figure of every report against <see cref="ReportDataset"/>, worked out by hand in the comments.</summary>
public class ReportFigureTests(ReportDataset data) : IClassFixture<ReportDataset>
{
    [Fact]
    public async Task Funnel_CohortCountsEachDealUpToTheFurthestStageItReached_AndMarksTheWeakestStep()
    {
        var result = await data.ComputeAsync(ReportNames.Funnel);
        var cohort = Section(result, "cohort");

        // Created in October: D1 (paid), D2 (lost after qualified), D3 (negotiation), D4 (skipped qualified, lost after proposal), D6 (lead).
        Assert.Equal(5m, Value(cohort, "lead", 1));
        Assert.Equal(4m, Value(cohort, "qualified", 1));       // D1 D2 D3 D4 (D4 passed it)
        Assert.Equal(3m, Value(cohort, "proposal", 1));        // D1 D3 D4
        Assert.Equal(2m, Value(cohort, "negotiation", 1));     // D1 D3
        Assert.Equal(1m, Value(cohort, "won", 1));             // D1
        Assert.Equal(1m, Value(cohort, "paid", 1));
        Assert.Equal(0.8m, Value(cohort, "qualified", 2));     // 4 ÷ 5
        Assert.Equal(0.6667m, Value(cohort, "negotiation", 2)); // 2 ÷ 3
        Assert.Equal(0.5m, Value(cohort, "won", 2));           // 1 ÷ 2, the lowest step
        Assert.Equal(0.2m, Value(cohort, "won", 3));           // 1 ÷ 5
        Assert.Equal("won", StageNameKey(Assert.Single(cohort.Rows, r => r.Mark == RowMark.Weakest).Cells[0].Text!.En));
        Assert.Equal([data.Deals["D1"], data.Deals["D3"]], Row(cohort, "negotiation").Cells[1].Deals);

        // Snapshot: every deal not lost, by where it is now: D1 paid, D3 negotiation, D5 won, D6 lead, D7 invoiced.
        var snapshot = Section(result, "snapshot");
        Assert.Equal(1m, Value(snapshot, "negotiation", 1));
        Assert.Equal(4m, Value(snapshot, "negotiation", 2));   // D3 D5 D7 D1 at or beyond
        Assert.Equal(0.75m, Value(snapshot, "negotiation", 3)); // 3 of those 4 are at won or beyond

        // By owner: A has D1 D2 D6 (one reached won: 1 ÷ 3); B has D3 D4 (none won).
        var byOwner = Section(result, "breakdown");
        Assert.Equal([3m, 2m, 1m, 1m, 1m], Row(byOwner, "Rep A").Cells.Skip(1).Take(5).Select(c => c.Value!.Value));
        Assert.Equal(0.3333m, Row(byOwner, "Rep A").Cells[^1].Value);
        Assert.Equal(0m, Row(byOwner, "Rep B").Cells[^1].Value);
    }

    [Fact]
    public async Task TimeInStage_MedianAndP90OfTheExitsInThePeriod_AgainstThePeriodBefore()
    {
        var days = Section(await data.ComputeAsync(ReportNames.TimeInStage), "days");

        // Lead exits in October: D1 2, D2 2, D3 1, D4 1 day → median 1.5, 90th percentile (4th of 4) 2. September: D5 2.
        Assert.Equal([4m, 1.5m, 2m, 2m, 2m], Row(days, "lead").Cells.Skip(1).Take(5).Select(c => c.Value!.Value));
        // Qualified: D1 4, D2 4, D3 5 → median 4, p90 5. September: D5 8.
        Assert.Equal([3m, 4m, 5m, 8m, 8m], Row(days, "qualified").Cells.Skip(1).Take(5).Select(c => c.Value!.Value));
        // Proposal: D1 2, D3 9, D4 6, D5 13 (entered Sep 20) → median 7.5, p90 13; nothing left it in September.
        Assert.Equal([4m, 7.5m, 13m], Row(days, "proposal").Cells.Skip(1).Take(3).Select(c => c.Value!.Value));
        Assert.Null(Row(days, "proposal").Cells[4].Value);
        // Delivery: D1 10 days.
        Assert.Equal(10m, Value(days, "delivery", 2));
    }

    [Fact]
    public async Task TimeInStage_ShowsTheDealsOverTheirStageLimitAndWorkInProgressByWeek()
    {
        var result = await data.ComputeAsync(ReportNames.TimeInStage);

        // Now (Nov 5): D6 has sat in Lead since Oct 20 (16 days > 14); D3 in Negotiation since Oct 20 (16 > 14);
        // D5 in Won since Oct 16 (20 > 7); D7 in Invoiced since Jun 1 (157 > 45).
        var over = Section(result, "over-limit");
        Assert.Equal([data.Deals["D6"]], Row(over, "lead").Cells[2].Deals);
        Assert.Equal([data.Deals["D3"]], Row(over, "negotiation").Cells[2].Deals);
        Assert.Equal([data.Deals["D5"]], Row(over, "won").Cells[2].Deals);
        Assert.Equal(0m, Value(over, "qualified", 2));

        // Week ending Sunday Oct 11 (midnight after it): D1 in Negotiation; D3 in Qualified; D5 in Negotiation; D7 Invoiced.
        var wip = Section(result, "wip");
        var week = wip.Rows.Single(r => r.Cells[0].Text!.En == "2026-10-11");
        var negotiation = wip.Columns.ToList().FindIndex(c => c.Title.Args?.FirstOrDefault() is ReportText t && t.En == "Negotiation" || c.Title.En == "Negotiation");
        Assert.True(negotiation > 0);
        Assert.Equal([data.Deals["D1"], data.Deals["D5"]], week.Cells[negotiation].Deals);
    }

    [Fact]
    public async Task Forecast_WeightsOpenDealsByProbability_PerCategory_CoverageAgainstTheTargetStillOpen()
    {
        var result = await data.ComputeAsync(ReportNames.Forecast);

        // Closing in October and open: D3 200,000 commit at 60% and D6 40,000 pipeline at 10% → weighted 124,000.
        var pipeline = Assert.Single(Section(result, "pipeline").Rows);
        Assert.Equal("2026-10", pipeline.Cells[0].Text!.En);
        Assert.Equal([200_000m, 0m, 40_000m, 0m, 124_000m], pipeline.Cells.Skip(2).Select(c => c.Value!.Value));

        // Target: East 500,000 + South 400,000; signed in October: D1 100,000 + D5 300,000; open 500,000; coverage 124,000 ÷ 500,000.
        var coverage = Assert.Single(Section(result, "coverage").Rows);
        Assert.Equal([900_000m, 400_000m, 500_000m, 124_000m, 0.248m], coverage.Cells.Skip(1).Select(c => c.Value!.Value));
        Assert.Equal(RowMark.Red, coverage.Mark);

        // Slipped: D3 pushed from Oct 15 to Oct 30 once, and both D3 and D6 are past their close dates on Nov 5.
        var slipped = Section(result, "slipped");
        Assert.Equal(["D3", "D6"], slipped.Rows.Select(r => r.Cells[0].Text!.En));
        Assert.Equal(("2026-10-15", 1m), (slipped.Rows[0].Cells[2].Text!.En, slipped.Rows[0].Cells[4].Value!.Value));

        // Cash from Nov 5: I2's 40,000 overdue (risk); the week of Nov 16: I3 10,000 due Nov 19 + D5's plan line 300,000 on Nov 20.
        var cash = Section(result, "cash");
        Assert.Equal(40_000m, cash.Rows[0].Cells[4].Value);
        Assert.Equal(RowMark.Red, cash.Rows[0].Mark);
        var week = cash.Rows.Single(r => r.Cells[0].Text!.En == "2026-11-16");
        Assert.Equal([10_000m, 300_000m, 310_000m], week.Cells.Skip(2).Select(c => c.Value!.Value));
        Assert.Equal(350_000m, cash.Rows.Skip(1).Sum(r => r.Cells[4].Value!.Value) + cash.Rows[0].Cells[4].Value!.Value);
    }

    [Fact]
    public async Task Targets_AttainmentGapAndTierPerPersonAndTeam()
    {
        var result = await data.ComputeAsync(ReportNames.Targets);
        var people = Section(result, "people");

        // A signed D1's contract, 100,000, against 100,000 / 150,000 / 200,000: attainment 1, gap 0, tier "target".
        var signed = people.Rows.Single(r => r.Cells[0].Text!.En == "Rep A" && r.Cells[1].Text!.Key == "TargetMeasure.Signed");
        Assert.Equal([100_000m, 150_000m, 200_000m, 100_000m, 1m, 0m], signed.Cells.Skip(3).Take(6).Select(c => c.Value!.Value));
        Assert.Equal("TargetTier.Target", signed.Cells[9].Text!.Key);
        // A collected I1's 100,000 against 50,000: attainment 2.
        var collected = people.Rows.Single(r => r.Cells[0].Text!.En == "Rep A" && r.Cells[1].Text!.Key == "TargetMeasure.Collected");
        Assert.Equal(2m, collected.Cells[7].Value);
        // C signed 300,000 with no target: shown, target "—".
        var c = people.Rows.Single(r => r.Cells[0].Text!.En == "Rep C" && r.Cells[1].Text!.Key == "TargetMeasure.Signed");
        Assert.Equal((null, 300_000m), (c.Cells[3].Value, c.Cells[6].Value));
        // New customers: acc1's first contract (A), acc2's (C).
        Assert.Equal(1m, people.Rows.Single(r => r.Cells[0].Text!.En == "Rep A" && r.Cells[1].Text!.Key == "TargetMeasure.NewCustomers").Cells[6].Value);

        // East: 100,000 of 500,000 → 0.2, red; South: 300,000 of 400,000 → 0.75, red (under 80%).
        var teams = Section(result, "teams");
        Assert.Equal((0.2m, RowMark.Red), (teams.Rows.Single(r => r.Cells[0].Text!.En == "East").Cells[7].Value, teams.Rows.Single(r => r.Cells[0].Text!.En == "East").Mark));
        Assert.Equal(0.75m, teams.Rows.Single(r => r.Cells[0].Text!.En == "South").Cells[7].Value);
    }

    [Fact]
    public async Task WinRate_ByOwnerSourceSegmentAndBand_AndTheCycleTimes()
    {
        var result = await data.ComputeAsync(ReportNames.WinRate);

        // Closed in October: D1 won, D2 lost, D4 lost, D5 won.
        Assert.Equal((1m, 1m, 0.5m), Triple(Row(Section(result, "owner"), "Rep A")));
        Assert.Equal((0m, 1m, 0m), Triple(Row(Section(result, "owner"), "Rep B")));
        Assert.Equal((1m, 0m, 1m), Triple(Row(Section(result, "owner"), "Rep C")));
        Assert.Equal((1m, 1m, 0.5m), Triple(Section(result, "source").Rows.Single(r => r.Cells[0].Text!.Key == "LeadSource.Web")));
        Assert.Equal((1m, 1m, 0.5m), Triple(Section(result, "source").Rows.Single(r => r.Cells[0].Text!.Key == "LeadSource.Referral")));
        Assert.Equal([1m, 0.5m, 0m], Section(result, "segment").Rows.Select(r => r.Cells[3].Value!.Value));   // A, B, C
        // 50,000–200,000: D1 won, D2 and D4 lost; 200,000–1,000,000: D5 won.
        Assert.Equal([0.3333m, 1m], Section(result, "band").Rows.Select(r => r.Cells[3].Value!.Value));

        // Created → won: D1 10 days, D5 36 days → median 23; won → paid: D1 16 days; created → paid: D1 26 days.
        var cycle = Section(result, "cycle");
        Assert.Equal([2m, 23m, 23m, 36m], cycle.Rows[0].Cells.Skip(1).Select(c => c.Value!.Value));
        Assert.Equal(16m, cycle.Rows[1].Cells[2].Value);
        Assert.Equal(26m, cycle.Rows[2].Cells[2].Value);
    }

    [Fact]
    public async Task ArAging_BucketsOpenBalancesByDaysPastDue_AndDsoForThePeriod()
    {
        var result = await data.ComputeAsync(ReportNames.ArAging);

        // Nov 5: I2's 40,000 is 66 days past its Aug 31 due date (61–90); I3's 10,000 is not yet due. I1 is paid.
        var aging = Assert.Single(Section(result, "aging").Rows);
        Assert.Equal("acc2", aging.Cells[0].Text!.En);
        Assert.Equal([10_000m, 0m, 0m, 40_000m, 0m, 50_000m], aging.Cells.Skip(2).Select(c => c.Value!.Value));

        // DSO: receivable Oct 31 = I2 40,000 + I3 10,000 (I1 paid Oct 28); invoiced in October I1 + I3 = 110,000; × 31 days → 14.1.
        Assert.Equal([50_000m, 110_000m, 31m, 14.1m], Assert.Single(Section(result, "dso").Rows).Cells.Skip(1).Select(c => c.Value!.Value));
    }

    [Fact]
    public async Task ArAging_TheBucketsAreTheOnesAsked()
    {
        var result = await data.ComputeAsync(ReportNames.ArAging, ReportDataset.October with { Buckets = [60, 120] });

        // Current 10,000; 1–60 none; 61–120 40,000; over 120 none.
        Assert.Equal([10_000m, 0m, 40_000m, 0m, 50_000m], Assert.Single(Section(result, "aging").Rows).Cells.Skip(2).Select(c => c.Value!.Value));
    }

    [Fact]
    public async Task SourceReturn_IsOnCollectedCashAgainstTheCampaignsCost()
    {
        var rows = Section(await data.ComputeAsync(ReportNames.SourceReturn), "return").Rows;

        // K1 (acc1): D1 and D3 came in October, both qualified, D1 won and paid 100,000; cost 10,000 → return 9, 10,000 per won deal.
        var k1 = rows.Single(r => r.Cells[1].Text!.En == "K1");
        Assert.Equal([2m, 2m, 1m, 100_000m, 10_000m, 9m, 10_000m], k1.Cells.Skip(3).Select(c => c.Value!.Value));
        // Referral: D2, qualified, lost: nothing collected, no cost, no return.
        var referral = rows.Single(r => r.Cells[0].Text!.Key == "LeadSource.Referral");
        Assert.Equal([1m, 1m, 0m, 0m], referral.Cells.Skip(3).Take(4).Select(c => c.Value!.Value));
        Assert.Null(referral.Cells[8].Value);
        // Web without a campaign (acc3): D4 (passed qualified) and D6.
        var web = rows.Single(r => r.Cells[0].Text!.Key == "LeadSource.Web" && r.Cells[1].Text!.Key == "Report.NoCampaign");
        Assert.Equal([2m, 1m, 0m], web.Cells.Skip(3).Take(3).Select(c => c.Value!.Value));
    }

    [Fact]
    public async Task SharedKpis_EachAgainstItsTeamsTargetWithALight()
    {
        var result = await data.ComputeAsync(ReportNames.SharedKpis, ReportDataset.October with { TeamId = data.East, OpsTeamId = data.Ops });
        var rows = Assert.Single(result.Sections).Rows;

        // East's deals: first entries into Qualified in October D1 D2 D3 = 3 ≥ 2 (green); conversion 1 of 5 = 20% < 22.5 (red);
        // cycle D1 10 days ≤ 30 (green); hand-off D1 won Oct 12 → accepted Oct 14 = 2 days ≤ 3 (green);
        // delivery D1 10 days within Delivery's 30 → 100% ≥ 90 (green); DSO: D1's invoice paid → 0 ≤ 45 (green).
        Assert.Equal([3m, 20m, 10m, 2m, 100m, 0m], rows.Select(r => r.Cells[1].Value!.Value));
        Assert.Equal([2m, 25m, 30m, 3m, 90m, 45m], rows.Select(r => r.Cells[2].Value!.Value));
        Assert.Equal([RowMark.Green, RowMark.Red, RowMark.Green, RowMark.Green, RowMark.Green, RowMark.Green], rows.Select(r => r.Mark));
    }

    [Fact]
    public async Task ARep_SeesOnlyTheDealsWhoseMoneyTheyMayRead()
    {
        // Rep A (East) may not read South's money: D5, D7 and their invoices stay on the server.
        var aging = await data.ComputeAsync(ReportNames.ArAging, actor: data.RepA);
        Assert.Empty(Section(aging, "aging").Rows);
        var win = await data.ComputeAsync(ReportNames.WinRate, actor: data.RepA);
        Assert.DoesNotContain(Section(win, "owner").Rows, r => r.Cells[0].Text!.En == "Rep C");
        var forecast = await data.ComputeAsync(ReportNames.Forecast, actor: data.RepA);
        Assert.Empty(Section(forecast, "cash").Rows);   // no open invoice or plan line of East's
        var drill = await data.Hub.DealsAsync(data.RepA, [data.Deals["D5"], data.Deals["D1"]]);
        Assert.Equal([data.Deals["D1"]], drill.Select(d => d.Id));
    }

    [Fact]
    public async Task FiltersNarrowTheDeals_OwnerSourceSegment()
    {
        var funnel = await data.ComputeAsync(ReportNames.Funnel, ReportDataset.October with { OwnerId = "b" });
        Assert.Equal(2m, Value(Section(funnel, "cohort"), "lead", 1));

        var web = await data.ComputeAsync(ReportNames.Funnel, ReportDataset.October with { Source = LtcHub.Domain.Accounts.LeadSource.Web });
        Assert.Equal(4m, Value(Section(web, "cohort"), "lead", 1));   // D1 D3 (acc1), D4 D6 (acc3)

        var levelB = await data.ComputeAsync(ReportNames.WinRate, ReportDataset.October with { Segment = LtcHub.Domain.Accounts.CustomerLevel.B });
        Assert.Equal(2, Section(levelB, "owner").Rows.Sum(r => (int)(r.Cells[1].Value!.Value + r.Cells[2].Value!.Value)));   // D2 D5
    }

    private static (decimal Won, decimal Lost, decimal Rate) Triple(ReportRow row) => (row.Cells[1].Value!.Value, row.Cells[2].Value!.Value, row.Cells[3].Value!.Value);

    internal static ReportSection Section(ReportResult result, string id) => result.Sections.Single(s => s.Id == id);

    /// <summary>A row by its first cell: a stage key (its English name's key), or a name.</summary>
    internal static ReportRow Row(ReportSection section, string label) =>
        section.Rows.Single(r => r.Cells[0].Text is { } t && (t.En == label || t.En.Equals(label, StringComparison.OrdinalIgnoreCase)
            || StageNameKey(t.En) == label));

    private static decimal? Value(ReportSection section, string label, int column) => Row(section, label).Cells[column].Value;

    private static string StageNameKey(string english) => DefaultPipeline.Create().FirstOrDefault(s => s.NameEn == english)?.Key ?? english;
}
