namespace LtcHub.Infrastructure.Reports;

/// <summary>One report: its name (the address <c>/reports/&lt;name&gt;</c>) and how its sections are computed from <see cref="ReportData"/>.</summary>
public interface IReport
{
    string Name { get; }

    Task<IReadOnlyList<ReportSection>> ComputeAsync(ReportData data, CancellationToken cancellationToken);
}

/// <summary>The reports, by name, in the menu's order.</summary>
public static class ReportNames
{
    public const string Funnel = "funnel";
    public const string TimeInStage = "time-in-stage";
    public const string Forecast = "forecast";
    public const string Targets = "targets";
    public const string WinRate = "win-rate";
    public const string ArAging = "ar-aging";
    public const string SourceReturn = "source-return";
    public const string SharedKpis = "shared-kpis";

    public static readonly IReadOnlyList<string> All = [Funnel, TimeInStage, Forecast, Targets, WinRate, ArAging, SourceReturn, SharedKpis];

    /// <summary>The resource key of a report's title ("Report.Title.funnel").</summary>
    public static string TitleKey(string name) => "Report.Title." + name;
}
