using LtcHub.Infrastructure.Reports;

namespace LtcHub.Web.Components.Pages.Reports;

/// <summary>The period presets of the report filter, in the company's calendar.</summary>
public static class ReportPeriods
{
    public static readonly IReadOnlyList<string> All = ["this-month", "last-month", "this-quarter", "last-quarter", "this-year", "last-12-months"];

    public static (DateOnly From, DateOnly To) Of(string preset, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return preset switch
        {
            "last-month" => (month.AddMonths(-1), month.AddDays(-1)),
            "this-quarter" => (quarter, quarter.AddMonths(3).AddDays(-1)),
            "last-quarter" => (quarter.AddMonths(-3), quarter.AddDays(-1)),
            "this-year" => (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
            "last-12-months" => (month.AddMonths(-11), month.AddMonths(1).AddDays(-1)),
            _ => (month, month.AddMonths(1).AddDays(-1)),
        };
    }

    /// <summary>The preset a filter's period is, or null (a custom period).</summary>
    public static string? PresetOf(ReportFilter filter, DateOnly today) => All.FirstOrDefault(p => Of(p, today) == (filter.From, filter.To));
}
