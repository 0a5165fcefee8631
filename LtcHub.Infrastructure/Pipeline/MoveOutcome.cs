using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;

namespace LtcHub.Infrastructure.Pipeline;

public enum ChangeStatus
{
    Done,
    NeedsInput,
    Conflict,
    Refused,
    Forbidden,
    NotFound,
}

/// <summary>
/// What became of a move or an edit. <see cref="Card"/> is always the true, committed state, so the
/// screen can snap to it; on a conflict <see cref="ChangedBy"/> says who got there first.
/// </summary>
public sealed record ChangeOutcome(
    ChangeStatus Status, DealCard? Card, EntryRequirement Missing = EntryRequirement.None, DomainException? Error = null,
    string? ChangedBy = null)
{
    public bool Succeeded => Status == ChangeStatus.Done;
}

/// <summary>The kinds of change a deal goes through <see cref="PipelineService"/>'s one change path.</summary>
public enum ChangeKind
{
    Move,
    Edit,
    PushBack,
}
