using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>A team's pool settings as the form edits them.</summary>
public sealed record PoolRulesInput(
    bool Enabled, PoolLimits A, PoolLimits B, PoolLimits C, int WarnDaysBefore, int DailyClaimCap, int HoldingLimit, int CooldownDays);

/// <summary>
/// The public pool (公海池) by hand: a rep claims a customer (within the team's caps and cooldown; of two
/// claiming at once, one wins and the other is told who), a manager assigns one, an owner gives one back.
/// The customer's open sales deals go with it. The nightly reclaiming is <see cref="PoolReclaimer"/>.
/// </summary>
public sealed class PoolService(
    IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, TimeProvider time, ILogger<PoolService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A team's rules; a team that never saved any has the pool off (nothing is taken back unasked).</summary>
    public async Task<PoolRules> RulesAsync(int teamId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.PoolRules.AsNoTracking().SingleOrDefaultAsync(r => r.TeamId == teamId) ?? Disabled(teamId);
    }

    public async Task<PoolRules> SaveRulesAsync(Actor actor, int teamId, long expectedVersion, PoolRulesInput input)
    {
        if (!PoolRules.CanManage(actor, teamId))
        {
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var rules = await db.PoolRules.SingleOrDefaultAsync(r => r.TeamId == teamId);
        if (rules is null)
        {
            rules = new PoolRules(teamId);
            db.PoolRules.Add(rules);
        }
        else if (rules.Version != expectedVersion)
        {
            throw new DomainException("Error.SettingsConflict");
        }

        rules.Set(input.Enabled, input.A, input.B, input.C, input.WarnDaysBefore, input.DailyClaimCap, input.HoldingLimit, input.CooldownDays);
        db.AuditEntries.Add(new AuditEntry(Now, actor.UserId, actor.DisplayName, "PoolRules", teamId.ToString(CultureInfo.InvariantCulture), "Rules", null,
            string.Create(CultureInfo.InvariantCulture, $"{input}")));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw new DomainException("Error.SettingsConflict");
        }

        return rules;
    }

    /// <summary>A rep takes a customer from their team's pool.</summary>
    public async Task ClaimAsync(Actor actor, int accountId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId && a.MergedIntoId == null)
            ?? throw new NotFoundException("Error.AccountUnknown");
        var sameTeam = account.TeamId is null || account.TeamId == actor.TeamId || actor.Manages(account.TeamId);
        if (!account.InPool && sameTeam && actor.IsInRole(Roles.Sales))
        {
            // It was in their team's pool a moment ago: someone got there first, and they are told who.
            throw await TakenAsync(db, account.OwnerId);
        }

        if (!AccountPolicy.CanClaim(actor, account))
        {
            logger.LogWarning("Refused claiming account {AccountId} by {UserId}", accountId, actor.UserId);
            throw AccountPolicy.CanSee(actor, account) ? new ForbiddenException() : new NotFoundException("Error.AccountUnknown");
        }

        var rules = account.TeamId is { } team ? await db.PoolRules.AsNoTracking().SingleOrDefaultAsync(r => r.TeamId == team) : null;
        if (rules is not null)
        {
            var today = CompanyTime.Today(Now);
            var dayStart = CompanyTime.ToUtc(today.ToDateTime(TimeOnly.MinValue));
            var claimedToday = await db.AuditEntries.CountAsync(a => a.EntityType == Account.EntityType && a.Field == AccountFields.Claimed
                && a.ActorId == actor.UserId && a.AtUtc >= dayStart);
            var holding = await HoldingAsync(db, actor.UserId);
            if (rules.RefuseClaim(claimedToday, holding, account.PreviousOwnerId, account.PooledAtUtc, actor.UserId, Now) is { } refusal)
            {
                throw new DomainException(refusal, rules.DailyClaimCap, rules.HoldingLimit, rules.CooldownDays);
            }
        }

        await TakeAsync(db, actor, account, actor.UserId, actor.TeamId, AccountFields.Claimed);
    }

    /// <summary>A manager (or Admin) gives a customer to a rep of its team: from the pool, or from another rep.</summary>
    public async Task AssignAsync(Actor actor, int accountId, string repId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var account = await AccountAccess.LoadAsync(db, actor, accountId, logger);
        if (!AccountPolicy.CanAssign(actor, account))
        {
            throw new ForbiddenException();
        }

        var rep = await db.Users.Where(u => u.Id == repId).Select(u => new { u.Id, u.TeamId }).SingleOrDefaultAsync() ?? throw new NotFoundException();
        if (!actor.IsAdmin && rep.TeamId != account.TeamId)
        {
            throw new DomainException("Error.AssignOutsideTeam");
        }

        await TakeAsync(db, actor, account, rep.Id, rep.TeamId, AccountFields.Assigned);
    }

    /// <summary>Its owner (or their manager) gives a customer back to the pool, saying why.</summary>
    public async Task ReleaseAsync(Actor actor, int accountId, long expectedVersion, string reason)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var account = await AccountAccess.LoadAsync(db, actor, accountId, logger);
        if (!AccountPolicy.CanRelease(actor, account))
        {
            throw new ForbiddenException();
        }

        if (account.Version != expectedVersion)
        {
            throw new DomainException("Error.AccountConflict", "?", account.Name);
        }

        var why = Text.Required(reason, Account.PoolReasonMaxLength, "Field.PoolReason");
        var owner = account.OwnerId;
        account.ReturnToPool(why, Now);
        db.AuditEntries.Add(PoolReclaimer.AuditOf(Now, actor, account.Id, AccountFields.Pooled, owner, why));
        await db.SaveChangesAsync();
        await events.PublishAsync(new AccountChanged(accountId, actor.DisplayName));
    }

    /// <summary>Customers a rep holds against their limit: not those with a deal won in the last year.</summary>
    public async Task<int> HoldingAsync(LtcHubDbContext db, string repId)
    {
        var yearAgo = Now.AddYears(-1);
        string[] won = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery, StageKeys.Invoiced, StageKeys.Paid];
        return await db.Accounts.CountAsync(a => a.OwnerId == repId && a.MergedIntoId == null
            && !db.Deals.Any(d => d.AccountId == a.Id && won.Contains(d.Stage.Key) && d.EnteredStageAtUtc >= yearAgo));
    }

    /// <summary>
    /// Gives the account to <paramref name="ownerId"/> in one conditional update (of two claims at the same moment,
    /// the second finds it taken and is told by whom), then moves its open sales deals to the new owner.
    /// </summary>
    private async Task TakeAsync(LtcHubDbContext db, Actor actor, Account account, string ownerId, int? teamId, string how)
    {
        var now = Now;
        var wasPooled = account.InPool;
        var previous = account.OwnerId;
        var updated = await db.Accounts
            .Where(a => a.Id == account.Id && a.Version == account.Version && (wasPooled ? a.OwnerId == null : a.OwnerId == previous))
            .ExecuteUpdateAsync(a => a
                .SetProperty(x => x.OwnerId, ownerId).SetProperty(x => x.TeamId, teamId ?? account.TeamId).SetProperty(x => x.OwnedSinceUtc, now)
                .SetProperty(x => x.PooledAtUtc, (DateTime?)null).SetProperty(x => x.PoolReason, (string?)null)
                .SetProperty(x => x.PoolWarnedAtUtc, (DateTime?)null).SetProperty(x => x.Version, x => x.Version + 1));
        if (updated == 0)
        {
            var owner = await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.OwnerId).SingleAsync();
            throw await TakenAsync(db, owner);
        }

        db.AuditEntries.Add(PoolReclaimer.AuditOf(now, actor, account.Id, how, previous, ownerId));
        var open = await db.Deals.Include(d => d.Stage)
            .Where(d => d.AccountId == account.Id && d.OwnerId != ownerId
                && (d.Stage.OwningTeam == TeamKind.Sales || d.Stage.OwningTeam == TeamKind.None) && d.Stage.Key != StageKeys.Lost)
            .ToListAsync();
        foreach (var deal in open)
        {
            db.AuditEntries.AddRange(deal.Reassign(ownerId, teamId, actor, now));
        }

        await db.SaveChangesAsync();
        logger.LogInformation("Account {AccountId} {How} to {OwnerId} by {UserId}", account.Id, how, ownerId, actor.UserId);
        foreach (var deal in open)
        {
            await events.PublishAsync(new DealEdited(await BoardReader.CardAsync(db, deal.Id), actor.UserId, actor.DisplayName));
        }

        await events.PublishAsync(new AccountChanged(account.Id, actor.DisplayName));
    }

    private static async Task<DomainException> TakenAsync(LtcHubDbContext db, string? ownerId)
    {
        var name = ownerId is null ? null : await db.Users.Where(u => u.Id == ownerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        return new DomainException("Error.PoolTaken", name ?? "?");
    }

    private static PoolRules Disabled(int teamId)
    {
        var rules = new PoolRules(teamId);
        rules.Set(false, rules.LimitsFor(CustomerLevel.A), rules.LimitsFor(CustomerLevel.B), rules.LimitsFor(CustomerLevel.C), rules.WarnDaysBefore,
            rules.DailyClaimCap, rules.HoldingLimit, rules.CooldownDays);
        return rules;
    }
}

/// <summary>The audit field names of an account's ownership.</summary>
public static class AccountFields
{
    public const string Claimed = "Claimed";
    public const string Assigned = "Assigned";
    public const string Pooled = "Pooled";
    public const string PoolWarned = "PoolWarned";
}
