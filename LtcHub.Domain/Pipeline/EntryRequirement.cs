namespace LtcHub.Domain.Pipeline;

/// <summary>What must be true of a deal to enter a stage. A stage carries a set of these.</summary>
[Flags]
public enum EntryRequirement
{
    None = 0,
    /// <summary>A qualification scorecard (with at least the stage's minimum grade, if it sets one).</summary>
    Scorecard = 1 << 0,
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
        EntryRequirement.Amount | EntryRequirement.CloseDate | EntryRequirement.LossReason | EntryRequirement.OpsAcceptance;

    /// <summary>Requirements met by something the move dialog creates on the spot (a scorecard, a quote, a contract, an invoice, a payment).</summary>
    public const EntryRequirement Documents =
        EntryRequirement.Scorecard | EntryRequirement.Quote | EntryRequirement.Contract | EntryRequirement.Invoice | EntryRequirement.FullPayment;

    /// <summary>
    /// Rules no deal could ever meet on entering a stage of this team: invoices (and so payments) exist
    /// only for won deals, so a stage before the hand-off to Ops cannot ask for them. The stage settings
    /// page refuses such a rule, so the board never has a dead end.
    /// </summary>
    public static EntryRequirement Unsatisfiable(EntryRequirement rules, Teams.TeamKind team) =>
        team is Teams.TeamKind.Ops or Teams.TeamKind.Finance
            ? EntryRequirement.None
            : rules & (EntryRequirement.Invoice | EntryRequirement.FullPayment);

    /// <summary>Which of <paramref name="rules"/> are not met (a scorecard needs at least <paramref name="minimumGrade"/>).</summary>
    public static EntryRequirement Missing(
        EntryRequirement rules, Scoring.Grade? minimumGrade, decimal? amount, DateOnly? closeDate, Scoring.Grade? grade,
        string? lossReason, bool? opsAccepted, DealFacts facts)
    {
        var missing = EntryRequirement.None;
        void Need(EntryRequirement rule, bool met)
        {
            if (rules.HasFlag(rule) && !met)
            {
                missing |= rule;
            }
        }

        // Grades run A (best) to D: a minimum of B accepts A and B.
        Need(EntryRequirement.Scorecard, grade is { } g && (minimumGrade is not { } min || g <= min));
        Need(EntryRequirement.Quote, facts.HasQuote);
        Need(EntryRequirement.Amount, amount is > 0);
        Need(EntryRequirement.CloseDate, closeDate is not null);
        Need(EntryRequirement.Contract, facts.HasContract);
        Need(EntryRequirement.OpsAcceptance, opsAccepted == true);
        Need(EntryRequirement.Invoice, facts.HasInvoice);
        Need(EntryRequirement.FullPayment, facts.FullyPaid);
        Need(EntryRequirement.LossReason, !string.IsNullOrWhiteSpace(lossReason));
        return missing;
    }

    public static EntryRequirement Missing(
        Stage target, decimal? amount, DateOnly? closeDate, Scoring.Grade? grade, string? lossReason, bool? opsAccepted, DealFacts facts) =>
        Missing(target.EntryRules, target.MinimumGrade, amount, closeDate, grade, lossReason, opsAccepted, facts);
}
