namespace LtcHub.Infrastructure;

/// <summary>
/// The company's clock: due dates, reminders, dunning days, minutes and meeting times are all in
/// its time zone (Asia/Shanghai), whatever zone the server runs in.
/// </summary>
public static class CompanyTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);

    /// <summary>The company's calendar day at <paramref name="utc"/>.</summary>
    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    public static DateOnly Today(TimeProvider time) => Today(time.GetUtcNow().UtcDateTime);

    /// <summary>A wall-clock time typed in the company's zone, as UTC.</summary>
    public static DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        }
    }
}
