using Hangfire.Server;
using LtcHub.Infrastructure.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;

namespace LtcHub.Web.Diagnostics;

/// <summary>
/// OpenTelemetry metrics at <c>/metrics</c> in Prometheus' text format: LtcHub's own (<see cref="LtcHubMetrics"/>)
/// and ASP.NET Core's (requests, Kestrel connections, Blazor circuits) and the runtime's. Operational figures only —
/// no names, amounts or customers; keep the path off the public proxy (deploy/haproxy.cfg does).
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    public static IServiceCollection AddLtcHubMetrics(this IServiceCollection services)
    {
        services.AddScoped<CircuitHandler, CircuitCounter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LtcHubMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "System.Runtime")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static WebApplication MapLtcHubMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
        return app;
    }

    /// <summary>Counts this instance's circuits as they open and close.</summary>
    private sealed class CircuitCounter(LtcHubMetrics metrics) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            metrics.CircuitOpened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            metrics.CircuitClosed();
            return Task.CompletedTask;
        }
    }
}

/// <summary>Times every job this instance's Hangfire server runs, and counts the ones that failed.</summary>
public sealed class JobMetricsFilter(LtcHubMetrics metrics) : IServerFilter
{
    private const string Started = "ltchub.started";

    /// <summary>The recurring job's id (<c>quotes-expire</c>); a job enqueued on its own is named after its method (<c>ImportAsync</c> → <c>import</c>).</summary>
    public static string JobName(PerformContext context) =>
        context.GetJobParameter<string>("RecurringJobId") is { Length: > 0 } recurring ? recurring : MethodName(context.BackgroundJob.Job.Method.Name);

    private static string MethodName(string method)
    {
        var name = method.EndsWith("Async", StringComparison.Ordinal) ? method[..^5] : method;
        return string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    public void OnPerforming(PerformingContext context) => context.Items[Started] = System.Diagnostics.Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(Started, out var started) && started is long timestamp)
        {
            metrics.JobRan(JobName(context), System.Diagnostics.Stopwatch.GetElapsedTime(timestamp),
                context.Exception is not null && !context.ExceptionHandled);
        }
    }
}
