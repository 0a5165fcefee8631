namespace LtcHub.Domain.Common;

public static class Flags
{
    /// <summary>The single flags contained in a set, in declaration order (entry rules, agenda reasons).</summary>
    public static IReadOnlyList<T> Split<T>(this T set) where T : struct, Enum =>
        Enum.GetValues<T>().Where(flag => Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture) != 0 && set.HasFlag(flag)).ToList();
}
