using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>Who looks after a company, and the public pool (公海池) that takes it back when nobody does.</summary>
public sealed partial class Account
{
    public const int PoolReasonMaxLength = 300;

    /// <summary>The rep who looks after it; null while it is in the public pool.</summary>
    public string? OwnerId { get; private set; }

    /// <summary>The team it belongs to: its pool, and the managers who may assign it.</summary>
    public int? TeamId { get; private set; }

    /// <summary>Since when its current owner has it (claimed, assigned or created).</summary>
    public DateTime? OwnedSinceUtc { get; private set; }

    /// <summary>The last call, visit, message or meeting logged with it, on any of its deals or contacts.</summary>
    public DateTime? LastFollowUpAtUtc { get; private set; }

    /// <summary>When it went to the pool, and why (null while someone owns it).</summary>
    public DateTime? PooledAtUtc { get; private set; }

    public string? PoolReason { get; private set; }

    /// <summary>Who had it before it went to the pool: they wait a cooldown before claiming it back.</summary>
    public string? PreviousOwnerId { get; private set; }

    /// <summary>When its owner was last warned that the pool will take it back (one warning per spell of neglect).</summary>
    public DateTime? PoolWarnedAtUtc { get; private set; }

    public bool InPool => OwnerId is null && MergedIntoId is null;

    /// <summary>Gives it to a rep (on creation, a claim, a manager's assignment).</summary>
    public void AssignTo(string ownerId, int? teamId, DateTime nowUtc)
    {
        OwnerId = ownerId;
        TeamId = teamId ?? TeamId;
        OwnedSinceUtc = nowUtc;
        PooledAtUtc = null;
        PoolReason = null;
        PoolWarnedAtUtc = null;
        Version++;
    }

    /// <summary>Back to its team's pool: the owner is cleared and the reason kept.</summary>
    public void ReturnToPool(string reason, DateTime nowUtc)
    {
        if (OwnerId is null)
        {
            throw new DomainException("Error.AlreadyInPool");
        }

        PreviousOwnerId = OwnerId;
        OwnerId = null;
        OwnedSinceUtc = null;
        PooledAtUtc = nowUtc;
        PoolReason = Text.Truncate(reason, PoolReasonMaxLength);
        PoolWarnedAtUtc = null;
        Version++;
    }

    public void WarnedOfPool(DateTime nowUtc) => PoolWarnedAtUtc = nowUtc;

    /// <summary>A follow-up was logged (its time may be in the past: a call made yesterday, logged today).</summary>
    public void FollowedUp(DateTime atUtc)
    {
        if (LastFollowUpAtUtc is null || atUtc > LastFollowUpAtUtc)
        {
            LastFollowUpAtUtc = atUtc;
            PoolWarnedAtUtc = null;
        }
    }

    /// <summary>The last sign of life the pool counts from: a follow-up, or the start of the current ownership.</summary>
    public DateTime LastTouchUtc => new[] { LastFollowUpAtUtc, OwnedSinceUtc, CreatedAtUtc }.Max() ?? CreatedAtUtc;
}
