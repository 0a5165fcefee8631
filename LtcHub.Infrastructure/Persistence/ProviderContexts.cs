using LtcHub.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>The embedded default: a SQLite file (WAL, busy timeout). Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteLtcHubDbContext(DbContextOptions<SqliteLtcHubDbContext> options) : LtcHubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ReportSql.MapSqlite(builder);
        // The forecast's slipped deals: a year of close-date changes read from this small index alone, not from the audit table
        // (the filtered columns keyed too: SQLite counts an index as covering only when it holds every column the query names).
        builder.Entity<AuditEntry>().HasIndex(a => new { a.AtUtc, a.EntityId, a.OldValue, a.NewValue, a.EntityType, a.Field }, CloseDateChanges)
            .HasFilter("\"EntityType\" = 'Deal' AND \"Field\" = 'ExpectedCloseDate'");
    }

    internal const string CloseDateChanges = "IX_AuditEntries_CloseDateChanges";
}

/// <summary>Production: SQL Server. Migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerLtcHubDbContext(DbContextOptions<SqlServerLtcHubDbContext> options) : LtcHubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ReportSql.MapSqlServer(builder);
        // As on SQLite; the values are included rather than keyed (a key holds at most 1,700 bytes).
        builder.Entity<AuditEntry>().HasIndex(a => new { a.AtUtc, a.EntityId }, SqliteLtcHubDbContext.CloseDateChanges)
            .HasFilter("[EntityType] = N'Deal' AND [Field] = N'ExpectedCloseDate'")
            .IncludeProperties(a => new { a.OldValue, a.NewValue });
    }
}
