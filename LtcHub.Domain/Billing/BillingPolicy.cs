using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Billing;

/// <summary>Finance and Admin create invoices and record payments; others read what concerns their deals.</summary>
public static class BillingPolicy
{
    public static bool CanEdit(Actor actor) => actor.IsAdmin || actor.IsInRole(Roles.Finance);

    /// <summary>Finance, Admin and Ops read every invoice; Sales those of deals they own or manage.</summary>
    public static bool ReadsAll(Actor actor) => CanEdit(actor) || actor.IsInRole(Roles.Ops);
}
