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
    ContractReference = 1 << 4,
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
        | EntryRequirement.ContractReference | EntryRequirement.LossReason | EntryRequirement.OpsAcceptance;
}
