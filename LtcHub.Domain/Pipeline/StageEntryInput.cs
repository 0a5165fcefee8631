namespace LtcHub.Domain.Pipeline;

/// <summary>Values a user supplies while moving a deal, to meet the target stage's entry rules.</summary>
public sealed record StageEntryInput(
    decimal? Amount = null,
    DateOnly? CloseDate = null,
    string? LossReason = null,
    bool OpsAccepted = false)
{
    public static StageEntryInput Empty { get; } = new();
}
