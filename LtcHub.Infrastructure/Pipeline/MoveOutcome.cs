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

/// <summary>A new deal as its creator enters it; the owner is the creator unless a manager assigns it to their team.</summary>
public sealed record NewDeal(string Name, int AccountId, decimal? Amount, string Currency, DateOnly? ExpectedCloseDate, string? OwnerId = null);

/// <summary>The kinds of change a deal goes through <see cref="PipelineService"/>'s one change path.</summary>
public enum ChangeKind
{
    Move,
    Edit,
    PushBack,
}
