using LtcHub.Domain.Common;

namespace LtcHub.Domain.Targets;

/// <summary>
/// What a target counts: the amount signed (deals won), the cash collected (payments), new customers won — and the
/// shared KPIs a sales and an ops team agree on (a count, a percent, or days; lower is better for days).
/// </summary>
public enum TargetMeasure
{
    Signed = 0,
    Collected = 1,
    NewCustomers = 2,
    QualifiedLeads = 3,
    ConversionPercent = 4,
    CycleDays = 5,
    HandoffDays = 6,
    DeliveryOnTimePercent = 7,
    DsoDays = 8,
}

public static class TargetMeasures
{
    public static readonly IReadOnlyList<TargetMeasure> Sales = [TargetMeasure.Signed, TargetMeasure.Collected, TargetMeasure.NewCustomers];

    public static readonly IReadOnlyList<TargetMeasure> Kpis =
    [
        TargetMeasure.QualifiedLeads, TargetMeasure.ConversionPercent, TargetMeasure.CycleDays, TargetMeasure.HandoffDays,
        TargetMeasure.DeliveryOnTimePercent, TargetMeasure.DsoDays,
    ];

    public static bool IsMoney(this TargetMeasure measure) => measure is TargetMeasure.Signed or TargetMeasure.Collected;

    public static bool IsCount(this TargetMeasure measure) => measure is TargetMeasure.NewCustomers or TargetMeasure.QualifiedLeads;

    public static bool LowerIsBetter(this TargetMeasure measure) => measure is TargetMeasure.CycleDays or TargetMeasure.HandoffDays or TargetMeasure.DsoDays;

    /// <summary>Summed over months (amounts, counts); the others (percents, days) are averaged.</summary>
    public static bool Adds(this TargetMeasure measure) => measure.IsMoney() || measure.IsCount();
}

/// <summary>The three tiers of a target (目标, 冲刺, 挑战); <see cref="None"/>: below the target.</summary>
public enum TargetTier
{
    None = 0,
    Target = 1,
    Stretch = 2,
    Challenge = 3,
}

/// <summary>
/// One month's target (业绩目标) for one person or one team on one measure, in one currency (new customers: a count,
/// no currency). Quarters and years are the sums of their months. Changes bump <see cref="Version"/>: two managers
/// saving one target at once — the second is refused, never overwritten.
/// </summary>
public sealed class SalesTarget
{
    public const string CountCurrency = "";

    private SalesTarget()
    {
    }

    public SalesTarget(int year, int month, string? userId, int? teamId, TargetMeasure measure, string currency)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw new DomainException("Error.InvalidPeriod");
        }

        if ((userId is null) == (teamId is null))
        {
            throw new DomainException("Error.TargetSubject");
        }

        Year = year;
        Month = month;
        UserId = userId;
        TeamId = teamId;
        Subject = SubjectOf(userId, teamId);
        Measure = measure;
        Currency = measure.IsMoney() ? Money.ValidCurrency(currency) : CountCurrency;
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public int Month { get; private set; }

    /// <summary>"u:&lt;user id&gt;" or "t:&lt;team id&gt;" — one unique key on both providers (nullable columns are not unique alike on both).</summary>
    public string Subject { get; private set; } = "";

    public string? UserId { get; private set; }

    public int? TeamId { get; private set; }

    public TargetMeasure Measure { get; private set; }

    public string Currency { get; private set; } = "";

    public decimal Target { get; private set; }

    public decimal? Stretch { get; private set; }

    public decimal? Challenge { get; private set; }

    public string SetById { get; private set; } = "";

    public DateTime SetAtUtc { get; private set; }

    public long Version { get; private set; }

    public static string SubjectOf(string? userId, int? teamId) => userId is not null ? "u:" + userId : "t:" + teamId;

    /// <summary>Sets the three tiers: each at least zero, stretch ≥ target, challenge ≥ stretch (a count is whole, a percent at most 100; KPIs in days have only a target).</summary>
    public void Set(decimal target, decimal? stretch, decimal? challenge, string byUserId, DateTime nowUtc)
    {
        foreach (var value in new[] { (decimal?)target, stretch, challenge })
        {
            if (value is < 0 or > 1_000_000_000_000m)
            {
                throw new DomainException("Error.TargetRange");
            }

            if (Measure.IsCount() && value is { } v && v != decimal.Truncate(v))
            {
                throw new DomainException("Error.TargetWhole");
            }
        }

        if (Measure is TargetMeasure.ConversionPercent or TargetMeasure.DeliveryOnTimePercent && new[] { (decimal?)target, stretch, challenge }.Any(v => v > 100))
        {
            throw new DomainException("Error.TargetPercent");
        }

        if (!Measure.LowerIsBetter() && (stretch < target || challenge < (stretch ?? target)))
        {
            throw new DomainException("Error.TargetTiersOrder");
        }

        Target = target;
        Stretch = Measure.LowerIsBetter() ? null : stretch;
        Challenge = Measure.LowerIsBetter() ? null : challenge;
        SetById = byUserId;
        SetAtUtc = nowUtc;
        Version++;
    }

    /// <summary>The highest tier <paramref name="actual"/> reaches against these tiers (summed over a quarter or a year by the caller).</summary>
    public static TargetTier TierOf(decimal actual, decimal target, decimal? stretch, decimal? challenge) =>
        challenge is { } c && actual >= c ? TargetTier.Challenge
        : stretch is { } s && actual >= s ? TargetTier.Stretch
        : target > 0 && actual >= target ? TargetTier.Target
        : TargetTier.None;
}
