using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Reports;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Meetings;

/// <summary>A report on the agenda: focused for everyone, its figures kept as they were, quoted in the minutes.</summary>
public class MeetingReportTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task FocusingAReport_ShowsItToEveryone_AndTheMinutesKeepItsFiguresAsTheyWere()
    {
        var meetings = app.Get<MeetingService>();
        var agenda = app.Get<MeetingReports>();
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var rep = await app.ActorAsync("sales1@ltchub.local");
        var id = await app.Get<MeetingScheduler>().ScheduleAsync(manager,
            new MeetingInput("Numbers review", DateTime.UtcNow, [await app.TeamIdAsync(DemoTeams.EastSales)], [rep.UserId], Weekly: false, "en-US"), startNow: true);
        var filter = ReportFilter.ThisMonth(LtcHub.Infrastructure.CompanyTime.Today(DateTime.UtcNow));

        await agenda.AddReportAsync(manager, id, ReportNames.Funnel, filter);
        var line = Assert.Single((await app.Get<MeetingRoomReader>().RoomAsync(rep, id)).Reports);
        Assert.Equal((ReportNames.Funnel, filter.ToQuery()), (line.Report, line.Query));

        // Only the facilitator puts reports on the agenda and focuses them.
        await Assert.ThrowsAsync<ForbiddenException>(() => agenda.AddReportAsync(rep, id, ReportNames.Forecast, filter));
        await Assert.ThrowsAsync<ForbiddenException>(() => agenda.FocusReportAsync(rep, id, line.Id, (_, _) => ""));
        await Assert.ThrowsAsync<NotFoundException>(() => agenda.AddReportAsync(manager, id, "nope", filter));

        string? language = null;
        await agenda.FocusReportAsync(manager, id, line.Id, (result, culture) =>
        {
            language = culture.Name;
            return $"### {result.Name} snapshot | leads {result.Sections[0].Rows[0].Cells[1].Value}";
        });
        var room = await app.Get<MeetingRoomReader>().RoomAsync(rep, id);
        Assert.Equal((ReportNames.Funnel, (int?)null), (room.Meeting.FocusedReport, room.Meeting.FocusedDealId));
        Assert.Equal("en-US", language);
        var snapshot = Assert.Single(room.Reports).SnapshotMarkdown;
        Assert.StartsWith("### funnel snapshot | leads ", snapshot);

        // Focusing a deal afterwards replaces the report; the snapshot stays for the minutes.
        var deal = await app.CreateDealAsync("sales1@ltchub.local", LtcHub.Domain.Pipeline.StageKeys.Lead, "Numbers deal");
        await meetings.FocusAsync(manager, id, deal.Id);
        Assert.Null((await app.Get<MeetingRoomReader>().RoomAsync(rep, id)).Meeting.FocusedReport);

        await meetings.EndAsync(manager, id);
        var minutes = (await app.Get<MeetingRoomReader>().MinutesAsync(manager, id))!.Value.Markdown;
        Assert.Contains("## Numbers shown", minutes);
        Assert.Contains(snapshot!, minutes);
    }

    [Fact]
    public async Task RemovingTheFocusedReport_ClearsTheFocus()
    {
        var agenda = app.Get<MeetingReports>();
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var id = await app.Get<MeetingScheduler>().ScheduleAsync(manager,
            new MeetingInput("AR review", DateTime.UtcNow, [await app.TeamIdAsync(DemoTeams.EastSales)], [], Weekly: false, "zh-CN"), startNow: true);
        await agenda.AddReportAsync(manager, id, ReportNames.ArAging, ReportFilter.ThisMonth(new DateOnly(2026, 11, 1)));
        var line = Assert.Single((await app.Get<MeetingRoomReader>().RoomAsync(manager, id)).Reports);
        await agenda.FocusReportAsync(manager, id, line.Id, (_, culture) => culture.Name);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal("zh-CN", (await db.MeetingReports.SingleAsync(r => r.Id == line.Id)).SnapshotMarkdown);
        }

        await agenda.RemoveReportAsync(manager, id, line.Id);

        var room = await app.Get<MeetingRoomReader>().RoomAsync(manager, id);
        Assert.Empty(room.Reports);
        Assert.Null(room.Meeting.FocusedReport);
        Assert.Equal(MeetingStatus.Live, room.Meeting.Status);
    }
}
