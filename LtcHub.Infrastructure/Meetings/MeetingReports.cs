using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>
/// Reports on a meeting's agenda: the facilitator adds and removes them and focuses one on every screen, its figures kept
/// for the minutes. The same rules as the room's other commands (<see cref="MeetingAccess"/>, <see cref="MeetingService.SaveAsync"/>),
/// announced with <see cref="MeetingChanged"/>.
/// </summary>
public sealed class MeetingReports(
    IDbContextFactory<LtcHubDbContext> contexts,
    IBoardEvents events,
    ReportHub reports,
    TimeProvider time,
    ILogger<MeetingReports> logger)
{
    /// <summary>
    /// Puts a report (with the filter it should be shown with) on the agenda; adding one already there updates its filter.
    /// </summary>
    public async Task AddReportAsync(Actor actor, int meetingId, string report, ReportFilter filter)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await MeetingAccess.LoadAsync(db, actor, meetingId, logger);
        MeetingAccess.RequireFacilitator(actor, meeting, "add a report to the agenda", logger);
        if (!reports.Exists(report))
        {
            throw new NotFoundException();
        }

        var existing = await db.MeetingReports.SingleOrDefaultAsync(r => r.MeetingId == meetingId && r.Report == report);
        if (existing is not null)
        {
            db.MeetingReports.Remove(existing);
            await db.SaveChangesAsync();
        }

        var position = await db.MeetingReports.Where(r => r.MeetingId == meetingId).MaxAsync(r => (int?)r.Position) ?? -1;
        db.MeetingReports.Add(new MeetingReport(meetingId, report, filter.ToQuery(), existing?.Position ?? position + 1));
        await db.SaveChangesAsync();
        await events.PublishAsync(new MeetingChanged(meetingId, actor.DisplayName));
    }

    public async Task RemoveReportAsync(Actor actor, int meetingId, int reportLineId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await MeetingAccess.LoadAsync(db, actor, meetingId, logger);
        MeetingAccess.RequireFacilitator(actor, meeting, "remove a report from the agenda", logger);
        var line = await db.MeetingReports.SingleOrDefaultAsync(r => r.Id == reportLineId && r.MeetingId == meetingId) ?? throw new NotFoundException();
        db.MeetingReports.Remove(line);
        if (meeting.FocusedReport == line.Report)
        {
            meeting.Focus(null);
        }

        await MeetingService.SaveAsync(db, meetingId);
        await events.PublishAsync(new MeetingChanged(meetingId, actor.DisplayName));
    }

    /// <summary>
    /// The facilitator shows an agenda report on every screen. Its figures as they are now (the shared computation, read as
    /// the facilitator) are kept with it — <paramref name="snapshot"/> writes them in the meeting's language — for the minutes.
    /// </summary>
    public async Task FocusReportAsync(Actor actor, int meetingId, int reportLineId, Func<ReportResult, CultureInfo, string> snapshot)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var meeting = await MeetingAccess.LoadAsync(db, actor, meetingId, logger);
        MeetingAccess.RequireFacilitator(actor, meeting, "focus a report", logger);
        var line = await db.MeetingReports.SingleOrDefaultAsync(r => r.Id == reportLineId && r.MeetingId == meetingId) ?? throw new NotFoundException();
        var today = CompanyTime.Today(time);
        var filter = ReportFilter.TryParse(ReportFilter.SplitQuery(line.Query), today, out var parsed, out _) ? parsed : ReportFilter.ThisMonth(today);
        var result = await reports.GetAsync(actor, line.Report, filter);
        line.Snapshot(snapshot(result, Texts.CultureOf(meeting.Culture)), time.GetUtcNow().UtcDateTime);
        meeting.FocusReport(line.Report);
        await MeetingService.SaveAsync(db, meetingId);
        await events.PublishAsync(new MeetingChanged(meetingId, actor.DisplayName));
    }
}
