using System.Globalization;

namespace LtcHub.Benchmarks;

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static string Line(string label, IReadOnlyList<double> samples) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{label,-52} n={samples.Count,4}  p50 {Percentile(samples, 50),7:0.0} ms  p95 {Percentile(samples, 95),7:0.0} ms  max {samples.DefaultIfEmpty(double.NaN).Max(),7:0.0} ms");
}
