using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Pipeline;

/// <summary>
/// Who may touch which deal where. Sales move their own deals through sales stages (managers: their
/// team's), and may mark them lost; Ops move deals in ops stages and accept hand-offs from Won;
/// Finance moves deals into and within finance stages; Admin may do anything.
/// </summary>
public static class PipelinePolicy
{
    public static bool CanMove(Actor actor, Deal deal, Stage from, Stage to)
    {
        if (actor.IsAdmin)
        {
            return true;
        }

        var sales = actor.IsInRole(Roles.Sales) && IsSalesSide(from) && IsSalesSide(to) && OwnsOrManages(actor, deal);
        var ops = actor.IsInRole(Roles.Ops) && IsOpsSide(from) && IsOpsSide(to) && (from.OwningTeam == TeamKind.Ops || to.OwningTeam == TeamKind.Ops);
        var finance = actor.IsInRole(Roles.Finance) && to.OwningTeam == TeamKind.Finance
            && from.OwningTeam is TeamKind.Finance or TeamKind.Ops;
        var financeBack = actor.IsInRole(Roles.Finance) && from.OwningTeam == TeamKind.Finance && to.OwningTeam == TeamKind.Ops;
        return sales || ops || finance || financeBack;
    }

    /// <summary>Editing a deal's fields: its owner and their manager while it is with sales; the owning team's people after.</summary>
    public static bool CanEdit(Actor actor, Deal deal) =>
        actor.IsAdmin
        || deal.Stage.OwningTeam switch
        {
            TeamKind.Sales or TeamKind.None => actor.IsInRole(Roles.Sales) && OwnsOrManages(actor, deal),
            TeamKind.Ops => actor.IsInRole(Roles.Ops),
            TeamKind.Finance => actor.IsInRole(Roles.Finance),
            _ => false,
        };

    /// <summary>Accepting a won deal into Handoff, or pushing it back to sales with a reason.</summary>
    public static bool CanDecideHandoff(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.Ops);

    /// <summary>Sales (for themselves, managers for their team) and Admin create deals.</summary>
    public static bool CanCreate(Actor actor, string ownerId, int? ownerTeamId) =>
        actor.IsAdmin || (actor.IsInRole(Roles.Sales) && (ownerId == actor.UserId || actor.Manages(ownerTeamId)));

    /// <summary>Stage settings (names, order, probability, limits, rules) are the admin's.</summary>
    public static bool CanConfigureStages(Actor actor) => actor.IsAdmin;

    public static bool OwnsOrManages(Actor actor, Deal deal) => deal.OwnerId == actor.UserId || actor.Manages(deal.TeamId);

    // Sales work the sales stages and Lost; Won is both the end of sales and the door to ops.
    private static bool IsSalesSide(Stage stage) => stage.OwningTeam == TeamKind.Sales || stage.IsLost;

    private static bool IsOpsSide(Stage stage) => stage.OwningTeam == TeamKind.Ops || stage.Key == StageKeys.Won;
}
