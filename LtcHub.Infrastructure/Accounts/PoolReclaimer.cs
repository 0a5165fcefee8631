using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

public sealed record PoolRunResult(int Warned, int Reclaimed);

/// <summary>
/// The nightly <c>pool-reclaim</c> job: per team with its pool on, every owned customer is judged by its
/// level's limits (<see cref="PoolRules.Judge"/>) from its last follow-up (or since it was taken) and its open
/// deals' last stage move. Customers due soon get their owner one warning (bell and e-mail, keyed so it
/// fires once); customers due go back to the pool with the reason, each in its own versioned update — so a
/// second run at the same moment, or after downtime, finds nothing left to do twice. Customers with a deal
/// past Negotiation still open (won, with Ops or Finance) are never taken.
/// </summary>
public sealed class PoolReclaimer(
    IDbContextFactory<LtcHubDbContext> contexts, NotificationService notifications, IBoardEvents events, TimeProvider time, ILogger<PoolReclaimer> logger)
{
    public async Task<PoolRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.PoolRules.AsNoTracking().Where(r => r.Enabled).ToDictionaryAsync(r => r.TeamId, cancellationToken);
        string[] beyond = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery, StageKeys.Invoiced];
        var teamIds = rules.Keys.ToList();
        var candidates = await db.Accounts.AsNoTracking()
            .Where(a => a.OwnerId != null && a.MergedIntoId == null && a.TeamId != null && teamIds.Contains(a.TeamId.Value)
                && !db.Deals.Any(d => d.AccountId == a.Id && beyond.Contains(d.Stage.Key)))
            .Select(a => new
            {
                Account = a,
                LastProgress = db.Deals.Where(d => d.AccountId == a.Id && d.Stage.Key != StageKeys.Lost && d.Stage.Key != StageKeys.Paid)
                    .Max(d => (DateTime?)d.EnteredStageAtUtc),
            })
            .ToListAsync(cancellationToken);

        var warnings = new List<IReadOnlyList<object>>();
        var reclaimed = new List<int>();
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => (u.PreferredCulture, u.Email, u.DisplayName), cancellationToken);
        foreach (var candidate in candidates)
        {
            var account = candidate.Account;
            var verdict = rules[account.TeamId!.Value].Judge(account.Level, account.LastTouchUtc, candidate.LastProgress, now);
            if (verdict == PoolVerdict.Reclaim && await ReclaimAsync(account.Id, rules[account.TeamId.Value], candidate.LastProgress, now, cancellationToken))
            {
                reclaimed.Add(account.Id);
            }
            else if (verdict == PoolVerdict.Warn && users.TryGetValue(account.OwnerId!, out var owner))
            {
                // One warning per spell of neglect: the key carries the last touch, so a follow-up starts a new spell.
                var key = Key($"pool.warning:{account.Id}:{account.LastTouchUtc:yyyyMMddHHmm}");
                var text = Texts.Format("pool.warning", owner.PreferredCulture, account.Name);
                var group = new List<object> { new Notification(account.OwnerId!, "pool.warning", key, text, Links.Account(account.Id), now) };
                if (!string.IsNullOrEmpty(owner.Email))
                {
                    group.Add(new OutboxEmail($"{key.Replace(':', '-')}@ltchub.local", owner.Email, owner.DisplayName,
                        Texts.Format("reminder.subject", owner.PreferredCulture, text), text, now));
                }

                warnings.Add(group);
            }
        }

        var sent = await UniqueInserts.SaveAsync(contexts, warnings, cancellationToken);
        await notifications.AnnounceAsync(sent.SelectMany(g => g).OfType<Notification>());
        foreach (var id in reclaimed)
        {
            await events.PublishAsync(new AccountChanged(id, Actor.System.DisplayName));
        }

        if (reclaimed.Count + sent.Count > 0)
        {
            logger.LogInformation("Pool: {Warned} owners warned, {Reclaimed} customers back in the pool", sent.Count, reclaimed.Count);
        }

        return new PoolRunResult(sent.Count, reclaimed.Count);
    }

    public static AuditEntry AuditOf(DateTime now, Actor actor, int accountId, string field, string? before, string? after) =>
        new(now, actor.UserId, actor.DisplayName, Account.EntityType, accountId.ToString(CultureInfo.InvariantCulture), field, before,
            after is null ? null : Text.Truncate(after, 1000));

    /// <summary>Back to the pool, if it is still as judged (a concurrent run or claim changed its version: leave it).</summary>
    private async Task<bool> ReclaimAsync(int accountId, PoolRules rules, DateTime? lastProgress, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (account.OwnerId is not { } owner || rules.Judge(account.Level, account.LastTouchUtc, lastProgress, now) != PoolVerdict.Reclaim)
        {
            return false;
        }

        var days = (int)(now - account.LastTouchUtc).TotalDays;
        var reason = Texts.Format("pool.reason", Languages.Chinese, days) + " · " + Texts.Format("pool.reason", Languages.English, days);
        account.ReturnToPool(reason, now);
        db.AuditEntries.Add(AuditOf(now, Actor.System, account.Id, AccountFields.Pooled, owner, reason));
        var culture = await db.Users.Where(u => u.Id == owner).Select(u => u.PreferredCulture).SingleOrDefaultAsync(cancellationToken) ?? Languages.Chinese;
        var alert = new Notification(owner, "pool.reclaimed", Key($"pool.reclaimed:{account.Id}:{now:yyyyMMdd}"),
            Texts.Format("pool.reclaimed", culture, account.Name, days), Links.Account(account.Id), now);
        db.Notifications.Add(alert);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run (or a claim, a follow-up) got there first.
            return false;
        }

        await notifications.AnnounceAsync([alert]);
        return true;
    }

    private static string Key(FormattableString key) => key.ToString(CultureInfo.InvariantCulture);
}
