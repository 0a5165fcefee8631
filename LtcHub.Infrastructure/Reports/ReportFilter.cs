using System.Globalization;
using LtcHub.Domain.Accounts;

namespace LtcHub.Infrastructure.Reports;

/// <summary>How a breakdown groups its rows.</summary>
public enum ReportGrouping
{
    Owner,
    Team,
    Source,
    Segment,
    Account,
    AmountBand,
}

/// <summary>
/// What a report is computed for: a period of calendar days in the company's zone (both ends included), and optionally a
/// team, an owner, a lead source, a campaign, a segment (the customer's level A/B/C), a grouping and the aging buckets.
/// The page's query string and the CSV's are the same text (<see cref="ToQuery"/>, <see cref="TryParse"/>).
/// </summary>
public sealed record ReportFilter(
    DateOnly From,
    DateOnly To,
    int? TeamId = null,
    string? OwnerId = null,
    LeadSource? Source = null,
    int? CampaignId = null,
    CustomerLevel? Segment = null,
    ReportGrouping? By = null,
    IReadOnlyList<int>? Buckets = null,
    int? OpsTeamId = null)
{
    public const int MaxDays = 731;

    public static readonly IReadOnlyList<int> DefaultBuckets = [30, 60, 90];

    public IReadOnlyList<int> AgingBuckets => Buckets ?? DefaultBuckets;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one (time in stage compares against it).</summary>
    public ReportFilter Previous() => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    public DateTime FromUtc => CompanyTime.ToUtc(From.ToDateTime(TimeOnly.MinValue));

    /// <summary>The first instant after the period (exclusive bound).</summary>
    public DateTime EndUtc => CompanyTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue));

    public static ReportFilter ThisMonth(DateOnly today) => new(new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1));

    /// <summary>The canonical query string (keys sorted, defaults left out): the cache key and the CSV's address.</summary>
    public string ToQuery()
    {
        var parts = new List<string> { "from=" + From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "to=" + To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (TeamId is { } team)
        {
            parts.Add("team=" + team.ToString(CultureInfo.InvariantCulture));
        }

        if (OwnerId is { } owner)
        {
            parts.Add("owner=" + Uri.EscapeDataString(owner));
        }

        if (Source is { } source)
        {
            parts.Add("source=" + source);
        }

        if (CampaignId is { } campaign)
        {
            parts.Add("campaign=" + campaign.ToString(CultureInfo.InvariantCulture));
        }

        if (Segment is { } segment)
        {
            parts.Add("segment=" + segment);
        }

        if (By is { } by)
        {
            parts.Add("by=" + by.ToString().ToLowerInvariant());
        }

        if (Buckets is { } buckets)
        {
            parts.Add("buckets=" + string.Join(',', buckets));
        }

        if (OpsTeamId is { } ops)
        {
            parts.Add("ops=" + ops.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    /// <summary>
    /// Reads a query string. A value that does not parse is refused (its resource key and the offending key in
    /// <paramref name="error"/>), never dropped: a report for another filter than asked would be wrong without saying so.
    /// </summary>
    public static bool TryParse(IEnumerable<KeyValuePair<string, string?>> query, DateOnly today, out ReportFilter filter, out (string Key, string Field)? error)
    {
        filter = ThisMonth(today);
        error = null;
        var values = query.Where(kv => !string.IsNullOrEmpty(kv.Value)).GroupBy(kv => kv.Key.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Last().Value!);
        DateOnly? from = null, to = null;
        foreach (var (key, value) in values)
        {
            switch (key)
            {
                case "from" or "to":
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        error = ("Error.ReportValue", key);
                        return false;
                    }

                    if (key == "from")
                    {
                        from = date;
                    }
                    else
                    {
                        to = date;
                    }

                    break;
                case "team" or "campaign" or "ops":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                    {
                        error = ("Error.ReportValue", key);
                        return false;
                    }

                    filter = key switch
                    {
                        "team" => filter with { TeamId = id },
                        "campaign" => filter with { CampaignId = id },
                        _ => filter with { OpsTeamId = id },
                    };
                    break;
                case "owner":
                    filter = filter with { OwnerId = value.Length <= 450 ? value : null };
                    if (filter.OwnerId is null)
                    {
                        error = ("Error.ReportValue", key);
                        return false;
                    }

                    break;
                case "source":
                    if (!Enum.TryParse<LeadSource>(value, ignoreCase: true, out var source) || !Enum.IsDefined(source) || int.TryParse(value, out _))
                    {
                        error = ("Error.ReportValue", key);
                        return false;
                    }

                    filter = filter with { Source = source };
                    break;
                case "segment":
                    if (!Enum.TryParse<CustomerLevel>(value, ignoreCase: true, out var segment) || !Enum.IsDefined(segment) || int.TryParse(value, out _))
                    {
                        error = ("Error.ReportValue", key);
                        return false;
                    }

                    filter = filter with { Segment = segment };
                    break;
                case "by":
                    if (!Enum.TryParse<ReportGrouping>(value, ignoreCase: true, out var by) || !Enum.IsDefined(by) || int.TryParse(value, out _))
                    {
                        error = ("Error.ReportValue", key);
                        return false;
                    }

                    filter = filter with { By = by };
                    break;
                case "buckets":
                    var bounds = new List<int>();
                    foreach (var part in value.Split(','))
                    {
                        if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bound) || bound <= 0 || bound > 3650
                            || (bounds.Count > 0 && bound <= bounds[^1]))
                        {
                            error = ("Error.ReportBuckets", key);
                            return false;
                        }

                        bounds.Add(bound);
                    }

                    if (bounds.Count is 0 or > 8)
                    {
                        error = ("Error.ReportBuckets", key);
                        return false;
                    }

                    filter = filter with { Buckets = bounds };
                    break;
            }
        }

        if (from is not null || to is not null)
        {
            var start = from ?? to!.Value.AddDays(-30);
            var end = to ?? start.AddMonths(1).AddDays(-1);
            if (end < start || end.DayNumber - start.DayNumber + 1 > MaxDays)
            {
                error = ("Error.ReportPeriod", "to");
                return false;
            }

            filter = filter with { From = start, To = end };
        }

        return true;
    }

    /// <summary>Reads "a=1&amp;b=2" (the form a meeting keeps a report's filter in).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SplitQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : ""));
}
