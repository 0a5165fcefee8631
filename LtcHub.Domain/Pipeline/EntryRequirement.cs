namespace LtcHub.Domain.Pipeline;

/// <summary>What must be true of a deal to enter a stage. A stage carries a set of these.</summary>
[Flags]
public enum EntryRequirement
{
    None = 0,
    QualificationScore = 1 << 0,
    Quote = 1 << 1,
    Amount = 1 << 2,
    CloseDate = 1 << 3,
    /// <summary>A signed contract exists (with its payment plan).</summary>
    Contract = 1 << 4,
    OpsAcceptance = 1 << 5,
    Invoice = 1 << 6,
    FullPayment = 1 << 7,
    LossReason = 1 << 8,
}

public static class EntryRequirements
{
    /// <summary>Requirements the user can satisfy by typing a value in the move dialog.</summary>
    public const EntryRequirement Enterable =
        EntryRequirement.QualificationScore | EntryRequirement.Amount | EntryRequirement.CloseDate
        | EntryRequirement.LossReason | EntryRequirement.OpsAcceptance;

    /// <summary>Requirements met by a document the move dialog creates on the spot (a quote, a contract, an invoice, a payment).</summary>
    public const EntryRequirement Documents =
        EntryRequirement.Quote | EntryRequirement.Contract | EntryRequirement.Invoice | EntryRequirement.FullPayment;

    /// <summary>
    /// Rules no deal could ever meet on entering a stage of this team: invoices (and so payments) exist
    /// only for won deals, so a stage before the hand-off to Ops cannot ask for them. The stage settings
    /// page refuses such a rule, so the board never has a dead end.
    /// </summary>
    public static EntryRequirement Unsatisfiable(EntryRequirement rules, Teams.TeamKind team) =>
        team is Teams.TeamKind.Ops or Teams.TeamKind.Finance
            ? EntryRequirement.None
            : rules & (EntryRequirement.Invoice | EntryRequirement.FullPayment);
}
