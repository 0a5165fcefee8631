using System.Diagnostics;
using System.Globalization;
using System.Text;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Imports;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtcHub.Benchmarks;

/// <summary>
/// A 50,000-row lead file (GB18030 CSV, Chinese headers, every tenth row a duplicate of an earlier one, every fiftieth
/// refused) through LtcHub's own import services on SQLite: preview, dry run, import, undo — time, peak managed heap and
/// peak working set of this process, and what a board move waits meanwhile.
/// </summary>
public static class ImportBenchmark
{
    public static async Task RunAsync(int rows)
    {
        Console.WriteLine($"\n== Import of {rows:N0} lead rows (GB18030 CSV) on SQLite");
        var folder = Directory.CreateTempSubdirectory("ltchub-import-").FullName;
        var dbPath = Path.Combine(folder, "import.db");
        await using (var seeded = await AppProcess.StartAsync(200, dbPath))
        {
            // The app migrated and seeded the demo company; it stops here so only this process touches the file.
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:LtcHub"] = $"Data Source={dbPath}",
            ["Storage:Imports"] = Path.Combine(folder, "imports"),
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddInfrastructure(configuration, folder)
            .BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>();
        Actor admin;
        int dealId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var adminId = await db.Users.Where(u => u.Email == "admin@ltchub.local").Select(u => u.Id).SingleAsync();
            admin = (await Actors.ForUserAsync(db, adminId))!;
            dealId = await db.Deals.Where(d => d.Stage.Key == StageKeys.Lead).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Csv(rows));
        Console.WriteLine($"{"file",-52} {bytes.Length / 1024.0 / 1024.0,7:0.0} MB");
        var imports = services.GetRequiredService<ImportService>();
        var runner = services.GetRequiredService<ImportRunner>();
        var mover = new BoardMover(services.GetRequiredService<PipelineService>(), contexts, dealId);
        Console.WriteLine(Stats.Line("board move (service), idle", await mover.MoveForAsync(TimeSpan.FromSeconds(3))));

        var watch = Stopwatch.StartNew();
        var preview = await imports.PreviewAsync(admin, ImportKind.Leads, await imports.UploadAsync(new MemoryStream(bytes)), "leads.csv", null,
            ImportDateOrder.YearMonthDay);
        Console.WriteLine($"{"upload + preview (decode, count, map, first 20 rows)",-52} {watch.Elapsed.TotalSeconds,7:0.00} s  ({preview.TotalRows:N0} rows, {preview.Encoding})");

        foreach (var dryRun in new[] { true, false })
        {
            var again = await imports.PreviewAsync(admin, ImportKind.Leads, await imports.UploadAsync(new MemoryStream(bytes)), "leads.csv", null,
                ImportDateOrder.YearMonthDay);
            var id = await imports.StartAsync(admin, new ImportRequest(ImportKind.Leads, again.FileKey, again.FileName, null, again.Mapping,
                ImportDateOrder.YearMonthDay, DuplicatePolicy.Skip, dryRun));
            using var peak = new PeakMemory();
            using var stop = new CancellationTokenSource();
            var moving = mover.MoveUntilAsync(stop.Token);
            watch.Restart();
            await runner.RunAsync(id);
            var time = watch.Elapsed;
            await stop.CancelAsync();
            var during = await moving;
            var run = await imports.GetAsync(admin, id);
            Console.WriteLine($"{(dryRun ? "dry run (every row checked, nothing written)" : "import"),-52} {time.TotalSeconds,7:0.00} s  "
                + $"({run.Created:N0} new, {run.Skipped:N0} duplicates skipped, {run.Failed:N0} refused; {rows / time.TotalSeconds:N0} rows/s)");
            Console.WriteLine($"{"  peak managed heap / process peak working set so far",-52} {peak.HeapMegabytes,7:0} MB / {peak.WorkingSetMegabytes:0} MB");
            Console.WriteLine(Stats.Line(dryRun ? "  board move (service), during the dry run" : "  board move (service), during the import", during));
            if (!dryRun)
            {
                watch.Restart();
                var undone = await services.GetRequiredService<ImportUndo>().UndoAsync(admin, id);
                Console.WriteLine($"{"undo",-52} {watch.Elapsed.TotalSeconds,7:0.00} s  ({undone.Removed:N0} removed, {undone.LeftAlone.Count} left alone)");
            }
        }

        Directory.Delete(folder, recursive: true);
    }

    private static string Csv(int rows)
    {
        var csv = new StringBuilder("客户名称,联系人,手机号码,邮箱,线索来源,需求,预计金额\r\n");
        string[] sources = ["展会", "网站", "转介绍", "电话", "合作伙伴"];
        for (var i = 0; i < rows; i++)
        {
            var n = i % 10 == 9 ? i - 5 : i; // every tenth row repeats a company (and phone) five rows up: a duplicate
            var phone = i % 50 == 49 ? "12345" : $"139{n:D8}"; // every fiftieth row has a phone that is no phone: refused
            csv.Append(CultureInfo.InvariantCulture, $"基准{n:D6}智能制造有限公司,联系人{n},{phone},buyer{n}@example.cn,{sources[n % sources.Length]},MES 试点,{10_000 + n % 90 * 1_000}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Samples the managed heap and the working set every 50 ms while it lives.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _heap;

        public PeakMemory()
        {
            GC.Collect();
            Process.GetCurrentProcess().Refresh();
            _timer = new Timer(_ => _heap = Math.Max(_heap, GC.GetTotalMemory(false)), null, 0, 50);
        }

        public double HeapMegabytes => _heap / 1024.0 / 1024.0;

        public double WorkingSetMegabytes
        {
            get
            {
                using var self = Process.GetCurrentProcess();
                return self.PeakWorkingSet64 / 1024.0 / 1024.0;
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
