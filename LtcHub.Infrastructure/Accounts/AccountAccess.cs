using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

/// <summary><see cref="AccountPolicy"/> as queries: the accounts a person may see, and one account loaded for them.</summary>
internal static class AccountAccess
{
    /// <summary>The accounts <paramref name="actor"/> may see (merged ones never).</summary>
    public static IQueryable<Account> Visible(LtcHubDbContext db, Actor actor)
    {
        var live = db.Accounts.Where(a => a.MergedIntoId == null);
        if (AccountPolicy.SeesAll(actor))
        {
            return live;
        }

        var managed = actor.ManagedTeamIds.ToList();
        var team = actor.TeamId;
        return live.Where(a => a.OwnerId == actor.UserId || (a.TeamId != null && managed.Contains(a.TeamId.Value))
            || (a.OwnerId == null && (a.TeamId == null || a.TeamId == team))
            || db.Deals.Any(d => d.AccountId == a.Id && d.OwnerId == actor.UserId));
    }

    /// <summary>An account the actor may see; one they may not answers exactly like one that does not exist.</summary>
    public static async Task<Account> LoadAsync(LtcHubDbContext db, Actor actor, int accountId, ILogger logger)
    {
        var account = await db.Accounts.Include(a => a.Contacts).SingleOrDefaultAsync(a => a.Id == accountId && a.MergedIntoId == null)
            ?? throw new NotFoundException("Error.AccountUnknown");
        if (!AccountPolicy.CanSee(actor, account, await OwnsADealAsync(db, actor, accountId)))
        {
            logger.LogWarning("Refused account {AccountId} to {UserId}", accountId, actor.UserId);
            throw new NotFoundException("Error.AccountUnknown");
        }

        return account;
    }

    public static Task<bool> OwnsADealAsync(LtcHubDbContext db, Actor actor, int accountId) =>
        db.Deals.AnyAsync(d => d.AccountId == accountId && d.OwnerId == actor.UserId);
}
