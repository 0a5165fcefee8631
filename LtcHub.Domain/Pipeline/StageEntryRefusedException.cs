using LtcHub.Domain.Common;

namespace LtcHub.Domain.Pipeline;

/// <summary>A move was refused because the target stage's entry rules are not met.</summary>
public sealed class StageEntryRefusedException(string stageKey, EntryRequirement missing)
    : DomainException("Error.EntryRequirementsMissing", stageKey)
{
    public string StageKey { get; } = stageKey;

    public EntryRequirement Missing { get; } = missing;
}
