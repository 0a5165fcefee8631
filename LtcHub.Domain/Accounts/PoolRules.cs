using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Accounts;

/// <summary>How long a customer of each level may go untouched before the pool takes it back.</summary>
public sealed record PoolLimits(int FollowUpDays, int ProgressDays);

/// <summary>What the pool decides about one account on one day.</summary>
public enum PoolVerdict
{
    Keep,

    /// <summary>Due within the warning period: its owner is told.</summary>
    Warn,

    /// <summary>Back to the pool now.</summary>
    Reclaim,
}

/// <summary>
/// One team's public pool (公海池): after how many days without a follow-up (N) or without stage progress
/// on an open deal (M) a customer goes back, per customer level; how many days ahead its owner is warned;
/// and what a rep may take: a daily claim cap, a holding limit (customers with a deal won in the last year
/// do not count) and a cooldown before a previous owner may claim the same customer again.
/// </summary>
public sealed class PoolRules
{
    private PoolRules()
    {
    }

    public PoolRules(int teamId)
    {
        TeamId = teamId;
        Set(true, new(90, 120), new(45, 60), new(30, 45), 7, 5, 50, 30);
    }

    public int TeamId { get; private set; }

    public bool Enabled { get; private set; }

    public int FollowUpDaysA { get; private set; }

    public int ProgressDaysA { get; private set; }

    public int FollowUpDaysB { get; private set; }

    public int ProgressDaysB { get; private set; }

    public int FollowUpDaysC { get; private set; }

    public int ProgressDaysC { get; private set; }

    public int WarnDaysBefore { get; private set; }

    public int DailyClaimCap { get; private set; }

    public int HoldingLimit { get; private set; }

    public int CooldownDays { get; private set; }

    public long Version { get; private set; }

    public PoolLimits LimitsFor(CustomerLevel level) => level switch
    {
        CustomerLevel.A => new(FollowUpDaysA, ProgressDaysA),
        CustomerLevel.B => new(FollowUpDaysB, ProgressDaysB),
        _ => new(FollowUpDaysC, ProgressDaysC),
    };

    public static bool CanManage(Actor actor, int teamId) => actor.IsAdmin || actor.Manages(teamId);

    public void Set(bool enabled, PoolLimits a, PoolLimits b, PoolLimits c, int warnDaysBefore, int dailyClaimCap, int holdingLimit, int cooldownDays)
    {
        foreach (var limits in (PoolLimits[])[a, b, c])
        {
            Days(limits.FollowUpDays, "Pool.FollowUpDays", 1, 3650);
            Days(limits.ProgressDays, "Pool.ProgressDays", 1, 3650);
        }

        (Enabled, FollowUpDaysA, ProgressDaysA, FollowUpDaysB, ProgressDaysB, FollowUpDaysC, ProgressDaysC) =
            (enabled, a.FollowUpDays, a.ProgressDays, b.FollowUpDays, b.ProgressDays, c.FollowUpDays, c.ProgressDays);
        (WarnDaysBefore, DailyClaimCap, HoldingLimit, CooldownDays) = (Days(warnDaysBefore, "Pool.WarnDays", 0, 60),
            Days(dailyClaimCap, "Pool.DailyCap", 1, 1000), Days(holdingLimit, "Pool.HoldingLimit", 1, 100_000), Days(cooldownDays, "Pool.Cooldown", 0, 365));
        Version++;
    }

    /// <summary>
    /// Whether an owned account goes back now, is due soon (warn its owner), or stays: counted in whole days
    /// from its last touch (a follow-up, or when its owner got it) and from its open deals' last stage move.
    /// </summary>
    public PoolVerdict Judge(CustomerLevel level, DateTime lastTouchUtc, DateTime? lastProgressUtc, DateTime nowUtc)
    {
        if (!Enabled)
        {
            return PoolVerdict.Keep;
        }

        var limits = LimitsFor(level);
        var left = (limits.FollowUpDays - (nowUtc - lastTouchUtc).TotalDays, lastProgressUtc is { } p ? limits.ProgressDays - (nowUtc - p).TotalDays : double.MaxValue);
        var daysLeft = Math.Min(left.Item1, left.Item2);
        return daysLeft <= 0 ? PoolVerdict.Reclaim : daysLeft <= WarnDaysBefore ? PoolVerdict.Warn : PoolVerdict.Keep;
    }

    /// <summary>Why a rep may not claim one more customer now; null when they may.</summary>
    public string? RefuseClaim(int claimedToday, int holding, string? previousOwnerId, DateTime? pooledAtUtc, string claimantId, DateTime nowUtc)
    {
        if (claimedToday >= DailyClaimCap)
        {
            return "Error.PoolDailyCap";
        }

        if (holding >= HoldingLimit)
        {
            return "Error.PoolHoldingLimit";
        }

        return previousOwnerId == claimantId && pooledAtUtc is { } pooled && (nowUtc - pooled).TotalDays < CooldownDays
            ? "Error.PoolCooldown"
            : null;
    }

    private static int Days(int value, string field, int min, int max) =>
        value >= min && value <= max ? value : throw new DomainException("Error.DaysRange", field, min, max);
}
