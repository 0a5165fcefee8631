using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Accounts;

/// <summary>
/// Who sees and changes which customer: a rep their own (and those they own a deal with), a manager their
/// team's, Ops, Finance and Admin every one; a customer in the pool is seen by its team (where they claim it). What a person
/// may not see never leaves the server — the duplicate check names the owner and nothing else.
/// </summary>
public static class AccountPolicy
{
    public static bool SeesAll(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.Ops) || actor.IsInRole(Roles.Finance);

    /// <param name="ownsADeal">The person owns one of its deals: they see the customer they sell to, whoever owns it.</param>
    public static bool CanSee(Actor actor, Account account, bool ownsADeal = false) =>
        SeesAll(actor) || ownsADeal || account.OwnerId == actor.UserId || actor.Manages(account.TeamId) || (account.InPool && InTeam(actor, account));

    public static bool CanEdit(Actor actor, Account account) =>
        actor.IsAdmin || account.OwnerId == actor.UserId || actor.Manages(account.TeamId);

    /// <summary>A rep of the account's team takes it from the pool.</summary>
    public static bool CanClaim(Actor actor, Account account) => account.InPool && actor.IsInRole(Roles.Sales) && InTeam(actor, account);

    /// <summary>Managers (and Admin) give a customer to a rep: from the pool, or from one rep to another.</summary>
    public static bool CanAssign(Actor actor, Account account) => actor.IsAdmin || actor.Manages(account.TeamId);

    /// <summary>Its owner (or their manager) gives it back to the pool.</summary>
    public static bool CanRelease(Actor actor, Account account) => !account.InPool && CanEdit(actor, account);

    public static bool CanMerge(Actor actor) => actor.IsAdmin;

    private static bool InTeam(Actor actor, Account account) => account.TeamId is null || account.TeamId == actor.TeamId || actor.Manages(account.TeamId);
}
