using System.Diagnostics;
using System.Globalization;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Billing;

public sealed record DunningRunResult(int Candidates, int Claimed, int Skipped, TimeSpan Elapsed);

/// <summary>
/// The dunning run. One set-based query finds every unpaid invoice that may be due for a level; the
/// policy picks the highest level due that each has not had; the notices (with their letter, alert or
/// task) are claimed in one transaction guarded by the unique (invoice, level) key; the outbox then
/// sends the letters. Repeated, parallel or interrupted runs therefore never send a level twice.
/// </summary>
public sealed class DunningService(
    IDbContextFactory<LtcHubDbContext> contexts,
    NotificationService notifications,
    IBoardEvents events,
    TimeProvider time,
    ILogger<DunningService> logger)
{
    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(60);

    public async Task<DunningRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        var today = CompanyTime.Today(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var policies = await db.DunningPolicies.AsNoTracking().ToListAsync(cancellationToken);
        var fallback = policies.FirstOrDefault(p => p.IsDefault);
        if (fallback is null || policies.SelectMany(p => p.Levels).ToList() is not { Count: > 0 } levels)
        {
            return new DunningRunResult(0, 0, 0, watch.Elapsed);
        }

        // Due dates up to this day can be due for some level (the earliest level may come before the due date).
        var horizon = today.AddDays(-levels.Min(l => l.OffsetDays));
        var candidates = await (
            from i in db.Invoices.AsNoTracking()
            join a in db.Accounts on i.AccountId equals a.Id
            join d in db.Deals on i.DealId equals d.Id
            join c in db.Contacts on i.BillingContactId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            where i.DueDate <= horizon && i.PaidAmount < i.Amount && (a.DunningPausedUntil == null || a.DunningPausedUntil < today)
            select new Candidate(i.Id, i.Number, i.DueDate, i.Amount, i.PaidAmount, i.Currency, a.DunningPolicyId, a.Name, a.EnglishName,
                a.PreferredCulture, c == null ? null : c.Name, c == null ? null : c.Email, d.OwnerId, d.Id,
                db.DunningNotices.Where(n => n.InvoiceId == i.Id).Max(n => (int?)n.Level) ?? 0))
            .ToListAsync(cancellationToken);

        var byId = policies.ToDictionary(p => p.Id);
        var collections = await CollectionsOwnerAsync(db, cancellationToken);
        var englishUsers = (await db.Users.Where(u => u.PreferredCulture == Languages.English).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var groups = new List<IReadOnlyList<object>>();
        foreach (var c in candidates)
        {
            var policy = c.PolicyId is { } pid && byId.TryGetValue(pid, out var own) ? own : fallback;
            var balance = c.Amount - c.Paid;
            if (balance <= policy.ToleranceAmount || policy.DueLevel(c.DueDate, today, c.LastLevel) is not { } level)
            {
                continue;
            }

            var days = today.DayNumber - c.DueDate.DayNumber;
            var notice = new DunningNotice(c.InvoiceId, level.Level, level.Channel, days, balance, now);
            groups.Add(Effects(c, notice, level, balance, days, now, collections, englishUsers));
        }

        var saved = new List<IReadOnlyList<object>>();
        foreach (var chunk in groups.Chunk(500))
        {
            saved.AddRange(await UniqueInserts.SaveAsync(contexts, chunk, cancellationToken));

            // Leave a gap between write transactions: a board move waiting for SQLite's write lock (it
            // backs off up to 100 ms at a time) must get in, rather than starve behind back-to-back batches.
            await Task.Delay(BatchPause, cancellationToken);
        }

        await notifications.AnnounceAsync(saved.SelectMany(g => g).OfType<Notification>());

        // Every open board shows the new levels on its Invoiced cards: the levels travel in one event, no query per board.
        var dealOf = candidates.ToDictionary(c => c.InvoiceId, c => c.DealId);
        var notices = saved.SelectMany(g => g).OfType<DunningNotice>().ToList();
        var reached = notices.GroupBy(n => dealOf[n.InvoiceId]).ToDictionary(g => g.Key, g => g.Max(n => n.Level));
        if (reached.Count > 0)
        {
            await events.PublishAsync(new DunningLevelsReached(reached, [.. notices.Select(n => new InvoiceLevel(n.InvoiceId, n.Level, n.DaysOverdue))]));
        }

        logger.LogInformation("Dunning run: {Candidates} candidates, {Claimed} notices claimed, {Skipped} already had theirs, {Elapsed} ms",
            candidates.Count, saved.Count, groups.Count - saved.Count, watch.ElapsedMilliseconds);
        return new DunningRunResult(candidates.Count, saved.Count, groups.Count - saved.Count, watch.Elapsed);
    }

    /// <summary>
    /// The notice and what it causes: a letter in the outbox or a task for collections, as the level
    /// says — and, once the invoice is overdue (or when the level is in-app), an alert for the deal's
    /// owner in their language.
    /// </summary>
    private static IReadOnlyList<object> Effects(
        Candidate c, DunningNotice notice, DunningLevel level, decimal balance, int days, DateTime now, string? collections, IReadOnlySet<string> english)
    {
        var culture = c.Culture == Languages.English ? Languages.English : Languages.Chinese;
        var customer = c.ContactName ?? (culture == Languages.English ? c.AccountEnglishName ?? c.AccountName : c.AccountName);
        var amount = Texts.Money(balance, c.Currency, culture);
        var due = c.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var effects = new List<object> { notice };
        var alertOwner = days > 0 || level.Channel == DunningChannel.InApp;
        switch (level.Channel)
        {
            case DunningChannel.Email when c.ContactEmail is { Length: > 0 } email:
                effects.Add(new OutboxEmail(DunningNotice.MessageIdFor(c.InvoiceId, level.Level), email, customer,
                    Texts.Format("dunning.subject", culture, c.Number), Texts.Fill(level.Template(culture), customer, c.Number, amount, due, days),
                    now, (c.InvoiceId, level.Level)));
                break;
            case DunningChannel.Task when collections is not null:
                notice.MarkSent(now);
                var taskCulture = english.Contains(collections) ? Languages.English : Languages.Chinese;
                effects.Add(new ActionItem(null, null, Texts.Fill(level.Template(taskCulture), customer, c.Number, amount, due, days),
                    collections, DateOnly.FromDateTime(now).AddDays(2), "system", "LtcHub", now));
                break;
            default:
                // In-app (or an e-mail with no address to go to): the owner's alert is the notice.
                notice.MarkSent(now);
                alertOwner = true;
                break;
        }

        if (alertOwner)
        {
            var ownerCulture = english.Contains(c.OwnerId) ? Languages.English : Languages.Chinese;
            effects.Add(new Notification(c.OwnerId, "dunning", string.Create(CultureInfo.InvariantCulture, $"dunning:{c.InvoiceId}:{level.Level}"),
                Texts.Format("dunning.alert", ownerCulture, c.Number, c.AccountName, Math.Max(days, 0), level.Level), Links.Invoices, now));
        }

        return effects;
    }

    /// <summary>Who owns collections: the Finance team's manager (or any Finance user).</summary>
    internal static async Task<string?> CollectionsOwnerAsync(LtcHubDbContext db, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => t.Kind == TeamKind.Finance && t.ManagerId != null).Select(t => t.ManagerId).FirstOrDefaultAsync(cancellationToken)
        ?? await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Finance select ur.UserId)
            .FirstOrDefaultAsync(cancellationToken);

    private sealed record Candidate(
        int InvoiceId, string Number, DateOnly DueDate, decimal Amount, decimal Paid, string Currency, int? PolicyId, string AccountName,
        string? AccountEnglishName, string Culture, string? ContactName, string? ContactEmail, string OwnerId, int DealId, int LastLevel);
}
