using System.Linq.Expressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Persistence;

namespace LtcHub.Web.Jobs;

/// <summary>
/// Hangfire: storage by provider (SQL Server on the same server; in-memory with the embedded SQLite),
/// a server in this process, the recurring jobs — all in one place, under plain ids — and the dashboard.
/// </summary>
public static class JobsSetup
{
    /// <summary>The recurring jobs: id, configuration key of its schedule, default schedule (company time zone), what it runs.</summary>
    private static readonly (string Id, string Key, string Cron, Expression<Func<LtcHubJobs, Task>> Job)[] Recurring =
    [
        ("dunning", "Jobs:Dunning", "0 8 * * *", j => j.DunningAsync(CancellationToken.None)),
        ("reminders", "Jobs:Reminders", "* * * * *", j => j.RemindersAsync(CancellationToken.None)),
        ("outbox", "Jobs:Outbox", "*/5 * * * *", j => j.OutboxAsync(CancellationToken.None)),
        ("quotes-expire", "Jobs:QuotesExpire", "10 0 * * *", j => j.ExpireQuotesAsync(CancellationToken.None)),
        ("plan-invoices", "Jobs:PlanInvoices", "0 7 * * *", j => j.PlanInvoicesAsync(CancellationToken.None)),
        ("pool-reclaim", "Jobs:PoolReclaim", "30 1 * * *", j => j.PoolReclaimAsync(CancellationToken.None)),
        ("win-model", "Jobs:WinModel", "45 1 * * *", j => j.WinModelAsync(CancellationToken.None)),
        ("webhooks", "Jobs:Webhooks", "* * * * *", j => j.WebhooksAsync(CancellationToken.None)),
        ("sqlite-statistics", "Jobs:SqliteStatistics", "15 3 * * *", j => j.SqliteStatisticsAsync(CancellationToken.None)),
    ];

    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<LtcHubJobs>();
        services.AddSingleton<WebhookQueue>();
        services.AddHostedService<WebhookRelay>();

        // This app's own storage instance, registered before AddHangfire (which only adds one if none is
        // there): Hangfire's JobStorage.Current is static, and must not decide which storage an app uses.
        services.AddSingleton<JobStorage>(sp =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            return database.Provider == DatabaseProvider.SqlServer
                ? new Hangfire.SqlServer.SqlServerStorage(database.ConnectionString)
                : new Hangfire.InMemory.InMemoryStorage();
        });
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);

            // Hangfire's global configuration is static; name this app's own activator and storage
            // so jobs always run in this app's container (several apps share a process in the tests).
            o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            var own = new JobFilterCollection { new Diagnostics.JobMetricsFilter(sp.GetRequiredService<Infrastructure.Diagnostics.LtcHubMetrics>()) };
            o.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, own);
        });
        return services;
    }

    public static WebApplication UseJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var options = new RecurringJobOptions { TimeZone = CompanyTime.Zone };
        foreach (var (id, key, cron, job) in Recurring)
        {
            jobs.AddOrUpdate(id, job, app.Configuration[key] is { Length: > 0 } configured ? configured : cron, options);
        }

        // Dunning is idempotent, so a run at start costs nothing and catches up after downtime (and shows a fresh demo working).
        if (app.Configuration.GetValue("Jobs:RunDunningAtStartup", true))
        {
            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<LtcHubJobs>(j => j.DunningAsync(CancellationToken.None));
        }

        // An endpoint, so the fallback policy already turns anonymous requests (localhost too) away.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new RoleFilter()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin),
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>Admin may use the dashboard; Ops may look (read-only); everyone else is refused.</summary>
    private sealed class RoleFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Ops));
        }
    }
}
