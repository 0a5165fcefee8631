using LtcHub.Infrastructure;
using LtcHub.Domain.Common;
using System.Globalization;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Notifications;

public sealed record ReminderRunResult(int Due, int Sent);

/// <summary>
/// The reminders run (every minute): a deal's next step is due, an action item is due, a meeting
/// starts in 15 minutes, a deal went stale (no move and no follow-up), an expected close date passed,
/// a follow-up's next date came. Each reminder is an alert
/// with a unique key (what it is about) plus an e-mail, in the person's language, saved together —
/// so it fires once, however often the job runs.
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<LtcHubDbContext> contexts,
    NotificationService notifications,
    TimeProvider time,
    ILogger<ReminderService> logger)
{
    /// <summary>State older than this (stale since, close date passed since) is not announced: reminders are news, not a backlog.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromDays(7);

    public async Task<ReminderRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = CompanyTime.Today(now);
        var oldest = today.AddDays(-(int)Freshness.TotalDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = new List<(string Key, string UserId, string Kind, string TextKey, object?[] Args, string Link)>();
        string[] closed = [StageKeys.Paid, StageKeys.Lost];

        var nextSteps = await db.Deals.AsNoTracking()
            .Where(d => d.NextStep != null && d.NextStepDueDate != null && d.NextStepDueDate <= today && d.NextStepDueDate >= oldest && !closed.Contains(d.Stage.Key))
            .Select(d => new { d.Id, d.OwnerId, d.Name, d.NextStep, Due = d.NextStepDueDate!.Value }).ToListAsync(cancellationToken);
        due.AddRange(nextSteps.Select(d => (Key($"reminder.next-step:{d.Id}:{d.Due:yyyy-MM-dd}"), d.OwnerId, "reminder.next-step", "reminder.next-step",
            new object?[] { d.Name, d.NextStep }, Links.Pipeline)));

        var actions = await db.ActionItems.AsNoTracking()
            .Where(a => a.DoneAtUtc == null && a.DueDate <= today && a.DueDate >= oldest)
            .Select(a => new { a.Id, a.OwnerId, a.Text, a.DueDate }).ToListAsync(cancellationToken);
        due.AddRange(actions.Select(a => (Key($"reminder.action:{a.Id}"), a.OwnerId, "reminder.action", "reminder.action",
            new object?[] { a.Text, a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Links.Meetings)));

        var soon = now.AddMinutes(15);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Status == MeetingStatus.Scheduled && m.ScheduledStartUtc > now && m.ScheduledStartUtc <= soon)
            .ToListAsync(cancellationToken);
        due.AddRange(meetings.SelectMany(m => m.Participants.Select(p => (Key($"reminder.meeting:{m.Id}:{p.UserId}"), p.UserId, "reminder.meeting",
            "reminder.meeting", new object?[] { m.Title }, Links.Meeting(m.Id)))));

        var stages = await db.Stages.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var stage in stages.Where(s => s.DaysUntilStale is not null && !closed.Contains(s.Key)))
        {
            var staleFrom = now.AddDays(-stage.DaysUntilStale!.Value);
            var freshFrom = staleFrom - Freshness;
            var stale = await db.Deals.AsNoTracking()
                .Where(d => d.StageId == stage.Id && d.EnteredStageAtUtc < staleFrom && d.EnteredStageAtUtc >= freshFrom
                    && (d.LastFollowUpAtUtc == null || d.LastFollowUpAtUtc < staleFrom))
                .Select(d => new { d.Id, d.OwnerId, d.Name, d.EnteredStageAtUtc }).ToListAsync(cancellationToken);
            due.AddRange(stale.Select(d => (Key($"reminder.stale:{d.Id}:{stage.Id}:{d.EnteredStageAtUtc.Ticks}"), d.OwnerId, "reminder.stale",
                "reminder.stale", new object?[] { d.Name, new Bilingual(stage.NameZh, stage.NameEn) }, Links.Pipeline)));
        }

        var salesStages = stages.Where(s => s.OwningTeam == Domain.Teams.TeamKind.Sales && s.Key != StageKeys.Won).Select(s => s.Id).ToList();
        var passed = await db.Deals.AsNoTracking()
            .Where(d => salesStages.Contains(d.StageId) && d.ExpectedCloseDate != null && d.ExpectedCloseDate < today && d.ExpectedCloseDate >= oldest)
            .Select(d => new { d.Id, d.OwnerId, d.Name, Close = d.ExpectedCloseDate!.Value }).ToListAsync(cancellationToken);
        due.AddRange(passed.Select(d => (Key($"reminder.close-date:{d.Id}:{d.Close:yyyy-MM-dd}"), d.OwnerId, "reminder.close-date", "reminder.close-date",
            new object?[] { d.Name, d.Close.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Links.Pipeline)));

        // A follow-up's next date: its author hears of it that day, unless a later follow-up on the customer was logged since.
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.NextFollowUpDate != null && f.NextFollowUpDate <= today && f.NextFollowUpDate >= oldest
                && !db.FollowUps.Any(later => later.AccountId == f.AccountId && later.AtUtc > f.AtUtc))
            .Join(db.Accounts, f => f.AccountId, a => a.Id, (f, a) => new { f.Id, f.AuthorId, a.Name, f.Content, AccountId = a.Id })
            .ToListAsync(cancellationToken);
        due.AddRange(followUps.Select(f => (Key($"reminder.follow-up:{f.Id}"), f.AuthorId, "reminder.follow-up", "reminder.follow-up",
            new object?[] { f.Name, Text.Truncate(f.Content, 80) }, Links.Account(f.AccountId))));

        // Instalments of payment plans: the owner and collections hear of one due soon; collections of one due but not invoiced.
        var settings = await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? Domain.Settings.CompanySettings.Default();
        var soonDue = today.AddDays(settings.PlanReminderDaysBeforeDue);
        var collections = await Billing.DunningService.CollectionsOwnerAsync(db, cancellationToken);
        var instalments = await (from l in db.PaymentPlanLines.AsNoTracking()
                                 join c in db.Contracts on l.ContractId equals c.Id
                                 join d in db.Deals on c.DealId equals d.Id
                                 where l.DueDate <= soonDue && l.DueDate >= oldest
                                     && !db.Invoices.Any(i => i.PaymentPlanLineId == l.Id && i.PaidAmount >= i.Amount)
                                 select new { l.Id, Line = l.Number, l.DueDate, l.Amount, Contract = c.Number, c.Currency, d.OwnerId, d.Name,
                                     Invoiced = db.Invoices.Any(i => i.PaymentPlanLineId == l.Id) }).ToListAsync(cancellationToken);
        foreach (var line in instalments)
        {
            var amount = Texts.Money(line.Amount, line.Currency, Languages.Chinese);
            var dueText = line.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (line.DueDate >= today)
            {
                foreach (var person in new[] { line.OwnerId, collections }.OfType<string>().Distinct())
                {
                    due.Add((Key($"reminder.plan-line:{line.Id}:{person}"), person, "reminder.plan-line", "reminder.plan-line",
                        [line.Contract, line.Line, amount, dueText, line.Name], Links.Contracts));
                }
            }

            if (line.DueDate <= today && !line.Invoiced && collections is not null)
            {
                due.Add((Key($"reminder.plan-uninvoiced:{line.Id}"), collections, "reminder.plan-line", "reminder.plan-line-uninvoiced",
                    [line.Contract, line.Line, amount, line.Name], Links.Contracts));
            }
        }

        // Only those not already sent (the unique key guards the race with a parallel run).
        var keys = due.Select(d => d.Key).ToList();
        var sent = (await db.Notifications.Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken)).ToHashSet();
        var userIds = due.Select(d => d.UserId).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.PreferredCulture, u.Email, u.DisplayName), cancellationToken);
        var groups = due.Where(d => !sent.Contains(d.Key) && users.ContainsKey(d.UserId)).DistinctBy(d => d.Key).Select(d =>
        {
            var (culture, email, name) = users[d.UserId];
            var args = d.Args.Select(a => a is Bilingual text ? text.In(culture) : a).ToArray();
            var text = Texts.Format(d.TextKey, culture, args);
            var group = new List<object> { new Notification(d.UserId, d.Kind, d.Key, text, d.Link, now) };
            if (!string.IsNullOrEmpty(email))
            {
                group.Add(new OutboxEmail($"{d.Key.Replace(':', '-')}@ltchub.local", email, name, Texts.Format("reminder.subject", culture, text), text, now));
            }

            return (IReadOnlyList<object>)group;
        }).ToList();

        var saved = await UniqueInserts.SaveAsync(contexts, groups, cancellationToken);
        var actionIds = saved.SelectMany(g => g).OfType<Notification>().Where(n => n.Kind == "reminder.action")
            .Select(n => int.Parse(n.Key["reminder.action:".Length..], CultureInfo.InvariantCulture)).ToList();
        if (actionIds.Count > 0)
        {
            await db.ActionItems.Where(a => actionIds.Contains(a.Id)).ExecuteUpdateAsync(a => a.SetProperty(x => x.ReminderSentAtUtc, now), cancellationToken);
        }

        await notifications.AnnounceAsync(saved.SelectMany(g => g).OfType<Notification>());
        if (saved.Count > 0)
        {
            logger.LogInformation("Reminders: {Count} sent", saved.Count);
        }

        return new ReminderRunResult(due.Count, saved.Count);
    }

    private static string Key(FormattableString key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>An argument that exists in both languages (a stage name); the reminder takes the recipient's.</summary>
    private sealed record Bilingual(string Zh, string En)
    {
        public string In(string culture) => culture == Languages.English ? En : Zh;
    }
}
