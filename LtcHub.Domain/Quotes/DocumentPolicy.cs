using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Quotes;

/// <summary>
/// Who may do what with a deal's documents. Sales own their deals' quotes and contracts (their
/// manager too) and managers approve discounts; Finance owns payment plans, invoices and payments;
/// Admin may do anything. Reading follows who may read the deal's money: its owner, their team and
/// manager, Ops, Finance and Admin.
/// </summary>
public static class DocumentPolicy
{
    public static bool CanRead(Actor actor, Deal deal) =>
        actor.IsAdmin || actor.IsInRole(Roles.Finance) || actor.IsInRole(Roles.Ops)
        || PipelinePolicy.OwnsOrManages(actor, deal) || (deal.TeamId is { } team && team == actor.TeamId);

    /// <summary>Create, change, send, revise and record the customer's answer to a quote; create the deal's contract.</summary>
    public static bool CanSell(Actor actor, Deal deal) =>
        actor.IsAdmin || (actor.IsInRole(Roles.Sales) && PipelinePolicy.OwnsOrManages(actor, deal));

    /// <summary>Approve a discount above the limit: the deal team's manager, or an admin.</summary>
    public static bool CanApprove(Actor actor, Deal deal) => actor.IsAdmin || (actor.IsInRole(Roles.Sales) && actor.Manages(deal.TeamId));

    /// <summary>Change a payment plan, issue its invoices, record payments.</summary>
    public static bool CanBill(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.Finance);
}
