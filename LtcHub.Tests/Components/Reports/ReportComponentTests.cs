using Bunit;
using LtcHub.Domain.Targets;
using LtcHub.Infrastructure.Reports;
using LtcHub.Infrastructure.Targets;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Reports;
using LtcHub.Web.Components.Pages.Targets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Reports;

/// <summary>A report's table as the reader sees it (the weakest step marked, numbers drill down), and the targets page.</summary>
public class ReportComponentTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    private static ReportResult Funnel()
    {
        var flow = new[] { ("lead", "线索", "Lead"), ("qualified", "已验证", "Qualified"), ("won", "赢单", "Won") }
            .Select((s, i) => new ReportStage(s.Item1, s.Item2, s.Item3, i, LtcHub.Domain.Teams.TeamKind.Sales, 10, null, null)).ToList();
        var furthest = new Dictionary<int, int> { [11] = 2, [12] = 1, [13] = 1, [14] = 0 };
        var section = FunnelReport.Steps("cohort", ReportText.Of("Report.Funnel.Cohort"), flow, furthest);
        return new ReportResult(ReportNames.Funnel, new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), DateTime.UtcNow, [section], TimeSpan.Zero);
    }

    [Fact]
    public void TheTable_ShowsTheExactFigures_MarksTheWeakestStep_AndANumberOpensItsDeals()
    {
        DrillRequest? drilled = null;
        var cut = Render<ReportView>(p => p.Add(v => v.Result, Funnel()).Add(v => v.OnDrill, EventCallback.Factory.Create<DrillRequest>(this, d => drilled = d)));

        // 4 leads → 3 qualified (75%) → 1 won (33.3%): the weakest step is Won.
        var rows = cut.FindAll("[data-section=cohort] tbody tr");
        Assert.Equal(["Lead", "4", "—", "100.0%"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["Qualified", "3", "75.0%", "75.0%"], rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("weakest", rows[2].GetAttribute("data-mark"));
        Assert.Contains("Weakest step", rows[2].TextContent);

        rows[1].QuerySelector("button.drill")!.Click();
        Assert.Equal([11, 12, 13], drilled!.Deals);
        Assert.Contains("Qualified", drilled.Title);
    }

    [Fact]
    public void ALongTable_ShowsItsFirstHundredRows_UntilAskedForAll()
    {
        var rows = Enumerable.Range(1, 150).Select(i => new ReportRow([ReportCell.Label(ReportText.Raw($"Customer {i}")), ReportCell.Number(i)])).ToList();
        var section = new ReportSection("aging", ReportText.Raw("Aging"),
            [new(ReportText.Raw("Customer"), CellKind.Text), new(ReportText.Raw("Days"), CellKind.Count)], rows);
        var result = new ReportResult(ReportNames.ArAging, new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), DateTime.UtcNow, [section], TimeSpan.Zero);
        var cut = Render<ReportView>(p => p.Add(v => v.Result, result));

        Assert.Equal(100, cut.FindAll("[data-section=aging] tbody tr").Count);
        cut.Find("[data-testid=report-more]").Click();

        Assert.Equal(150, cut.FindAll("[data-section=aging] tbody tr").Count);
        Assert.Empty(cut.FindAll("[data-testid=report-more]"));
    }

    [Fact]
    public void InChinese_TheHeadersAndStageNamesAreChinese()
    {
        UseCulture("zh-CN");
        var cut = Render<ReportView>(p => p.Add(v => v.Result, Funnel()));

        Assert.Equal(["阶段", "到达", "阶段转化率", "占首阶段"], cut.FindAll("[data-section=cohort] thead th").Select(th => th.TextContent));
        Assert.Contains("已验证", cut.Find("[data-section=cohort] tbody").TextContent);
        Assert.Empty(cut.FindAll("button.drill"));   // no drill-down where nothing handles it (present mode)
    }

    [Fact]
    public async Task TheTargetsPage_AManagerSetsARepsTarget_ARepSeesThemReadOnly()
    {
        Services.AddSingleton(App.Get<TargetService>());
        await SignInWithTeamsAsync("salesmgr1@ltchub.local");
        Render<MudPopoverProvider>();
        var cut = Render<TargetsPage>();
        var rep = await App.ActorAsync("sales2@ltchub.local");
        var row = $"[data-subject='u:{rep.UserId}']";
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(row)));

        cut.Find($"{row} input[data-field=target], {row} [data-field=target] input").Change("2500000");
        cut.Find($"{row} input[data-field=stretch], {row} [data-field=stretch] input").Change("3000000");
        cut.Find($"{row} [data-testid=target-save]").Click();

        var today = LtcHub.Infrastructure.CompanyTime.Today(App.Get<TimeProvider>());
        cut.WaitForAssertion(async () =>
        {
            var saved = (await App.Get<TargetService>().YearAsync(rep, today.Year))
                .Single(t => t.Month == today.Month && t.Target.UserId == rep.UserId && t.Target.Measure == TargetMeasure.Signed && t.Target.Currency == "CNY");
            Assert.Equal((2_500_000m, 3_000_000m), (saved.Target.Target, saved.Target.Stretch!.Value));
        });

        // South's people are not this manager's: their inputs are read-only.
        var south = await App.ActorAsync("sales4@ltchub.local");
        Assert.True(cut.Find($"[data-subject='u:{south.UserId}'] input[data-field=target], [data-subject='u:{south.UserId}'] [data-field=target] input").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll($"[data-subject='u:{south.UserId}'] [data-testid=target-save]"));
    }
}
