using System.Diagnostics;
using System.Globalization;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtcHub.Benchmarks;

/// <summary>
/// A dunning run over many invoices on SQLite, and what it does to board moves meanwhile. The real
/// app seeds the database (then stops); this process adds the invoices with one bulk insert and runs
/// LtcHub's own services against the same file.
/// </summary>
public static class DunningBenchmark
{
    public static async Task RunAsync(int invoiceCount, double overdueShare)
    {
        Console.WriteLine($"\n== Dunning over {invoiceCount:N0} invoices ({overdueShare:P0} overdue) on SQLite");
        var folder = Directory.CreateTempSubdirectory("ltchub-dunning-").FullName;
        var dbPath = Path.Combine(folder, "dunning.db");
        await using (var seeded = await AppProcess.StartAsync(200, dbPath))
        {
            // The app migrated and seeded the demo company; it stops here so only this process touches the file.
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:LtcHub"] = $"Data Source={dbPath}",
            ["Smtp:PickupFolder"] = Path.Combine(folder, "mail"),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddInfrastructure(configuration, folder)
            .BuildServiceProvider();

        var watch = Stopwatch.StartNew();
        var (overdue, total) = await InsertInvoicesAsync(dbPath, invoiceCount, overdueShare);
        Console.WriteLine($"{"bulk insert of the invoices",-52} {watch.Elapsed.TotalSeconds,7:0.0} s  ({total:N0} invoices, {overdue:N0} overdue)");

        var pipeline = services.GetRequiredService<PipelineService>();
        var contexts = services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>();
        int dealId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            dealId = await db.Deals.Where(d => d.Stage.Key == StageKeys.Lead).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        }

        var mover = new BoardMover(pipeline, contexts, dealId);
        Console.WriteLine(Stats.Line("board move (service), idle", await mover.MoveForAsync(TimeSpan.FromSeconds(4))));

        var dunning = services.GetRequiredService<DunningService>();
        using var stop = new CancellationTokenSource();
        var moving = mover.MoveUntilAsync(stop.Token);
        watch.Restart();
        var result = await dunning.RunAsync();
        var runTime = watch.Elapsed;
        await stop.CancelAsync();
        var during = await moving;
        Console.WriteLine($"{"dunning run: claim notices + letters",-52} {runTime.TotalSeconds,7:0.00} s  ({result.Candidates:N0} candidates, {result.Claimed:N0} claimed)");
        Console.WriteLine(Stats.Line("board move (service), during the run", during));

        watch.Restart();
        var again = await dunning.RunAsync();
        Console.WriteLine($"{"the same run again (nothing new to claim)",-52} {watch.Elapsed.TotalSeconds,7:0.00} s  ({again.Claimed:N0} claimed)");

        using var stopSend = new CancellationTokenSource();
        var movingSend = mover.MoveUntilAsync(stopSend.Token);
        watch.Restart();
        var sent = await services.GetRequiredService<OutboxSender>().SendPendingAsync();
        var sendTime = watch.Elapsed;
        await stopSend.CancelAsync();
        Console.WriteLine($"{"outbox: send the letters (.eml pickup folder)",-52} {sendTime.TotalSeconds,7:0.00} s  ({sent:N0} letters)");
        Console.WriteLine(Stats.Line("board move (service), while the outbox sends", await movingSend));

        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>One transaction of multi-row INSERTs: the deals and accounts are the demo company's, cycled.</summary>
    private static async Task<(int Overdue, int Total)> InsertInvoicesAsync(string dbPath, int count, double overdueShare)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath}");
        await connection.OpenAsync();
        var deals = new List<(int Id, int AccountId)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, AccountId FROM Deals";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                deals.Add((reader.GetInt32(0), reader.GetInt32(1)));
            }
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var overdueEvery = (int)Math.Round(1 / overdueShare);
        var overdue = 0;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        const int perStatement = 500;
        for (var start = 0; start < count; start += perStatement)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var values = new List<string>();
            for (var i = start; i < Math.Min(count, start + perStatement); i++)
            {
                var (dealId, accountId) = deals[i % deals.Count];
                var late = i % overdueEvery == 0;
                overdue += late ? 1 : 0;
                var due = late ? today.AddDays(-(1 + i % 60)) : today.AddDays(10 + i % 80);
                var issued = due.AddDays(-30);
                values.Add(string.Create(CultureInfo.InvariantCulture,
                    $"('B-{i:D7}', {dealId}, {accountId}, NULL, '{10_000 + i % 90_000}.00', 'CNY', '{issued:yyyy-MM-dd}', 30, '{due:yyyy-MM-dd}', '0.00', '{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}', 1)"));
            }

            insert.CommandText = "INSERT INTO Invoices (Number, DealId, AccountId, BillingContactId, Amount, Currency, IssueDate, PaymentTermsDays, DueDate, PaidAmount, CreatedAtUtc, Version) VALUES "
                + string.Join(",", values);
            await insert.ExecuteNonQueryAsync();
        }

        // Give every account a billing contact with an address, so the overdue ones become letters.
        await using (var contacts = connection.CreateCommand())
        {
            contacts.Transaction = transaction;
            contacts.CommandText = "UPDATE Invoices SET BillingContactId = (SELECT MIN(c.Id) FROM Contacts c WHERE c.AccountId = Invoices.AccountId) WHERE Number LIKE 'B-%'";
            await contacts.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return (overdue, count);
    }
}
