namespace LtcHub.Domain.Pipeline;

/// <summary>
/// The board's time and weight rules, in one place for the domain (<see cref="Deal"/>) and for the
/// cards the board shows.
/// </summary>
public static class DealClock
{
    public static int DaysInStage(DateTime enteredStageAtUtc, DateTime nowUtc) =>
        Math.Max(0, (int)(nowUtc - enteredStageAtUtc).TotalDays);

    /// <summary>
    /// Stale once the deal has sat in its stage, with no follow-up either, longer than the stage's
    /// days-until-stale: a logged call keeps a slow deal from being flagged.
    /// </summary>
    public static bool IsStale(int? daysUntilStale, DateTime enteredStageAtUtc, DateTime? lastFollowUpAtUtc, DateTime nowUtc) =>
        daysUntilStale is { } days
        && nowUtc - (lastFollowUpAtUtc is { } f && f > enteredStageAtUtc ? f : enteredStageAtUtc) > TimeSpan.FromDays(days);

    public static bool IsOverdue(DateOnly? dueDate, DateOnly today) => dueDate is { } due && due < today;

    /// <summary>The amount weighted by a win probability in percent.</summary>
    public static decimal Weighted(decimal? amount, int probability) => (amount ?? 0m) * probability / 100m;
}
