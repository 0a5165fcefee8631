using System.Diagnostics;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtcHub.Benchmarks;

/// <summary>
/// The eight reports on a big company in SQLite — 100,000 deals over two years, 1,000,000 audit rows (their stage
/// history and other changes), 200,000 invoices with their payments, contracts and plan lines — each computed by
/// LtcHub's own report code (server time, no rendering), for the last twelve months and for one month, as Admin
/// (everything) and as a rep (their team's), three runs each (the median printed), beside the floor: one
/// <c>COUNT(*)</c> of the deals on the same file.
/// </summary>
public static class ReportBenchmark
{

    /// <param name="keep">A database file to keep between runs (seeded when it does not exist yet), or null for a fresh one.</param>
    /// <param name="only">Run only this report (null: all).</param>
    public static async Task RunAsync(int deals, int auditRows, int invoices, string? keep = null, string? only = null, bool sql = false)
    {
        Console.WriteLine($"\n== Reports on SQLite: {deals:N0} deals, {auditRows:N0} audit rows, {invoices:N0} invoices");
        var folder = keep is null ? Directory.CreateTempSubdirectory("ltchub-reports-").FullName : Path.GetDirectoryName(Path.GetFullPath(keep))!;
        var file = keep is null ? Path.Combine(folder, "reports.db") : Path.GetFullPath(keep);
        var seed = !File.Exists(file);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:LtcHub"] = $"Data Source={file}",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", sql ? LogLevel.Information : LogLevel.Warning)
                .AddSimpleConsole(o => o.SingleLine = true))
            .AddSingleton<IConfiguration>(configuration)
            .AddInfrastructure(configuration, folder)
            .BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>();
        var started = Stopwatch.StartNew();
        if (!seed)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.MigrateAsync();
            await SqliteStatistics.RefreshAsync(db);
        }

        var (admin, rep) = seed ? await ReportSeeder.SeedAsync(contexts, deals, auditRows, invoices) : await ReportSeeder.ActorsAsync(contexts);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Console.WriteLine($"{"seeded (deals, audit rows, invoices, payments)",-52} {await db.Deals.CountAsync():N0} / {await db.AuditEntries.CountAsync():N0} / " +
                $"{await db.Invoices.CountAsync():N0} / {await db.Payments.CountAsync():N0} in {started.Elapsed.TotalSeconds:0} s");
        }

        var hub = services.GetRequiredService<ReportHub>();
        var today = CompanyTime.Today(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1);
        var filters = new (string Label, ReportFilter Filter)[]
        {
            ("last 12 months", new ReportFilter(month.AddMonths(-11), month.AddMonths(1).AddDays(-1))),
            ("last month", new ReportFilter(month.AddMonths(-1), month.AddDays(-1))),
        };

        var floor = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var db = await contexts.CreateDbContextAsync();
            _ = await db.Deals.CountAsync();
            floor.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"{"floor: SELECT COUNT(*) FROM Deals",-52} {floor.Order().ElementAt(2),8:0.0} ms");
        Console.WriteLine($"{"report",-16} {"period",-16} {"as",-6} {"server ms (median of 3)",24} {"rows",8}");
        var worst = 0.0;
        foreach (var name in ReportNames.All.Where(n => only is null || n == only))
        {
            foreach (var (label, filter) in filters)
            {
                foreach (var (who, actor) in new[] { ("admin", admin), ("rep", rep) })
                {
                    var times = new List<double>();
                    ReportResult? result = null;
                    for (var run = 0; run < 3; run++)
                    {
                        var watch = Stopwatch.StartNew();
                        result = await hub.ComputeAsync(actor, name, name == ReportNames.SharedKpis ? filter with { TeamId = rep.TeamId, OpsTeamId = 5 } : filter);
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    var median = times.Order().ElementAt(1);
                    worst = Math.Max(worst, median);
                    Console.WriteLine($"{name,-16} {label,-16} {who,-6} {median,24:0} {result!.Sections.Sum(s => s.Rows.Count),8}");
                }
            }
        }

        GC.Collect();
        Console.WriteLine($"slowest report: {worst:0} ms (target ≤ 1,000 ms) · managed heap after a full GC {GC.GetTotalMemory(true) / 1024.0 / 1024.0:0} MB" +
            $" · peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MB");
        SqliteConnection.ClearAllPools();
        if (keep is null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left in the temp folder.
            }
        }
    }
}
