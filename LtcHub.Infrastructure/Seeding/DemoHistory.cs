using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Targets;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Persistence;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>
/// What makes the demo's numbers worth a meeting: targets for every sales person and team for the last twelve months
/// and the next two (signed and collected amounts, new customers; shared KPIs for the sales and ops teams), and the weekly
/// pipeline meeting — last week's, ended, with its decisions, actions and minutes, and the next one scheduled.
/// </summary>
internal static class DemoHistory
{
    public static void Targets(LtcHubDbContext db, IReadOnlyList<Team> teams, IReadOnlyList<ApplicationUser> reps, string adminId, DateTime now)
    {
        var today = CompanyTime.Today(now);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        for (var month = first; month <= new DateOnly(today.Year, today.Month, 1).AddMonths(2); month = month.AddMonths(1))
        {
            foreach (var rep in reps)
            {
                Add(db, month, rep.Id, null, TargetMeasure.Signed, 3_000_000m, 4_000_000m, 5_000_000m, adminId, now);
                Add(db, month, rep.Id, null, TargetMeasure.Collected, 1_000_000m, 1_500_000m, 2_000_000m, adminId, now);
                Add(db, month, rep.Id, null, TargetMeasure.NewCustomers, 1, 2, 3, adminId, now);
            }

            foreach (var team in teams.Where(t => t.Kind == TeamKind.Sales))
            {
                var people = reps.Count(r => r.TeamId == team.Id);
                Add(db, month, null, team.Id, TargetMeasure.Signed, 3_000_000m * people, 4_000_000m * people, 5_000_000m * people, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.Collected, 1_000_000m * people, 1_500_000m * people, 2_000_000m * people, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.NewCustomers, people, people * 2, people * 3, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.QualifiedLeads, 6, null, null, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.ConversionPercent, 25, null, null, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.CycleDays, 60, null, null, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.DsoDays, 45, null, null, adminId, now);
            }

            foreach (var team in teams.Where(t => t.Kind == TeamKind.Ops))
            {
                Add(db, month, null, team.Id, TargetMeasure.HandoffDays, 3, null, null, adminId, now);
                Add(db, month, null, team.Id, TargetMeasure.DeliveryOnTimePercent, 90, null, null, adminId, now);
            }
        }
    }

    /// <summary>Last week's pipeline meeting (ended, with minutes) and this week's, scheduled, in one weekly series.</summary>
    public static Meeting Meetings(LtcHubDbContext db, IReadOnlyList<Team> teams, IReadOnlyList<ApplicationUser> people, ApplicationUser facilitator,
        IReadOnlyList<(int Id, string Name)> deals, DateTime now)
    {
        var today = CompanyTime.Today(now);
        var start = CompanyTime.ToUtc(today.AddDays(-6).ToDateTime(new TimeOnly(10, 0)));
        var meeting = new Meeting("每周销售与运营例会 Weekly pipeline meeting", start, Languages.Chinese, true, Guid.NewGuid(),
            teams.Where(t => t.Kind is TeamKind.Sales or TeamKind.Ops).Select(t => t.Id), people.Select(p => p.Id), facilitator.Id, start.AddDays(-3));
        meeting.Start(facilitator.Id, start);
        foreach (var person in people)
        {
            meeting.AddParticipant(person.Id).MarkAttended(start.AddMinutes(2));
        }

        db.Meetings.Add(meeting);
        db.SaveChanges();

        int? firstDeal = deals.Count > 0 ? deals[0].Id : null;
        var entries = new List<MeetingEntry>
        {
            new(meeting.Id, firstDeal, MeetingEntryKind.Decision, "本周内完成报价审批，周五前发给客户", facilitator.Id, facilitator.DisplayName, start.AddMinutes(15)),
            new(meeting.Id, null, MeetingEntryKind.Decision, "交付团队本月产能已满，新的交接顺延到下周一", facilitator.Id, facilitator.DisplayName, start.AddMinutes(35)),
            new(meeting.Id, null, MeetingEntryKind.Note, "华南区回款偏慢，财务本周跟进逾期 30 天以上的发票", facilitator.Id, facilitator.DisplayName, start.AddMinutes(40)),
        };
        db.MeetingEntries.AddRange(entries);
        var owner = people.FirstOrDefault(p => p.Id != facilitator.Id) ?? facilitator;
        var action = new ActionItem(meeting.Id, entries[0].DealId, "周五前把修订后的报价发给客户", owner.Id, today.AddDays(1), facilitator.Id, facilitator.DisplayName, start.AddMinutes(16));
        db.ActionItems.Add(action);
        db.SaveChanges();

        var end = start.AddMinutes(55);
        var names = people.ToDictionary(p => p.Id, p => p.DisplayName);
        var minutes = MinutesWriter.Write(
            MeetingAccess.Summary(meeting) with { EndedAtUtc = end },
            new Person(facilitator.Id, facilitator.DisplayName),
            people.Select(p => new Person(p.Id, p.DisplayName)).ToList(),
            [],
            entries.Select(e => new EntryLine(e.Id, e.DealId, e.Kind, e.Text, e.AuthorName, e.AtUtc)).ToList(),
            [new ActionLine(action.Id, meeting.Id, meeting.Title, action.DealId, deals.FirstOrDefault(d => d.Id == action.DealId).Name, action.Text, owner.Id,
                names[owner.Id], action.DueDate, null, facilitator.DisplayName)],
            [],
            key => key);
        meeting.End(end, minutes);
        db.Meetings.Add(meeting.NextInSeries(end));
        return meeting;
    }

    private static void Add(LtcHubDbContext db, DateOnly month, string? userId, int? teamId, TargetMeasure measure, decimal target, decimal? stretch, decimal? challenge,
        string adminId, DateTime now)
    {
        var row = new SalesTarget(month.Year, month.Month, userId, teamId, measure, Money.DefaultCurrency);
        row.Set(target, stretch, challenge, adminId, now);
        db.Targets.Add(row);
    }
}
