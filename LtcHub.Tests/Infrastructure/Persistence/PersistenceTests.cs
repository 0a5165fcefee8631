using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtcHub.Tests.Infrastructure.Persistence;

public class PersistenceTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static DealEdit Rename(Deal deal, string name) =>
        new(name, deal.Amount, deal.Currency, deal.ExpectedCloseDate, deal.NextStep, deal.NextStepDueDate, null);

    [Fact]
    public async Task SaveWithStaleVersion_IsRefused_AndTheFirstWriteStays()
    {
        var id = await fixture.AddDealAsync();
        await using var first = await fixture.Contexts.CreateDbContextAsync();
        await using var second = await fixture.Contexts.CreateDbContextAsync();
        var a = await first.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == id);
        var b = await second.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == id);

        a.Edit(Rename(a, "First writer"), TestActors.Sales(), DateTime.UtcNow);
        await first.SaveChangesAsync();
        b.Edit(Rename(b, "Second writer"), TestActors.Sales(), DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = await fixture.Contexts.CreateDbContextAsync();
        var stored = await check.Deals.SingleAsync(d => d.Id == id);
        Assert.Equal(("First writer", 2L), (stored.Name, stored.Version));
    }

    [Fact]
    public async Task TwentyParallelWriters_FinishWithoutLocking_AndLoseNoRows()
    {
        const int writers = 20;
        const int dealsPerWriter = 10;
        var ids = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => fixture.AddDealAsync($"parallel-{w}")));

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < dealsPerWriter; i++)
            {
                await using var db = await fixture.Contexts.CreateDbContextAsync();
                var lead = await db.Stages.SingleAsync(s => s.Key == StageKeys.Lead);
                db.Deals.Add(new Deal($"writer-{w}-{i}", fixture.AccountId, SqliteFixture.OwnerId, null, lead, 1000m + i, "CNY", null, DateTime.UtcNow));

                // Each writer also updates "its" deal, with the audit rows in the same transaction.
                var own = await db.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == ids[w]);
                db.AuditEntries.AddRange(own.Edit(Rename(own, $"parallel-{w}-v{i}"), TestActors.Sales(), DateTime.UtcNow));
                await db.SaveChangesAsync();
            }
        })));

        await using var check = await fixture.Contexts.CreateDbContextAsync();
        Assert.Equal(writers * dealsPerWriter, await check.Deals.CountAsync(d => d.Name.StartsWith("writer-")));
        var updated = await check.Deals.Where(d => ids.Contains(d.Id)).ToListAsync();
        Assert.All(updated, d => Assert.Equal(1 + dealsPerWriter, d.Version));
        var idTexts = ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(writers * dealsPerWriter, await check.AuditEntries.CountAsync(a => idTexts.Contains(a.EntityId)));
    }

    [Fact]
    public async Task Sqlite_RunsInWalMode()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void SqliteModel_HasNoPendingChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteLtcHubDbContext");
    }

    [Fact]
    public void SqlServerModel_HasNoPendingChanges()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqlServerLtcHubDbContext");
    }

    [Fact]
    public void SqlServerMigrationScript_IsGenerated_WithTheConcurrencyColumn()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Deals]", script);
        Assert.Contains("[Version] bigint NOT NULL", script);
        Assert.Contains("[Amount] decimal(18,2) NULL", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Stages_Key]", script);
        Assert.Contains("IF NOT EXISTS", script);
    }

    [Fact]
    public void SqlServerMigrationScript_HasTheMeetingAndCashTables_WithTheirOnceOnlyKeys()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Meetings", "MeetingParticipant", "MeetingTeam", "AgendaItems", "MeetingEntries", "ActionItems", "Invoices", "Payments", "DunningPolicies",
                     "DunningLevel", "DunningNotices", "Notifications", "OutboxEmails" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }

        // The keys that make "exactly once" hold on SQL Server too.
        Assert.Contains("CREATE UNIQUE INDEX [IX_DunningNotices_InvoiceId_Level] ON [DunningNotices] ([InvoiceId], [Level])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Payments_SubmissionKey]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Notifications_Key]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_OutboxEmails_MessageId]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Invoices_Number]", script);
    }
}
