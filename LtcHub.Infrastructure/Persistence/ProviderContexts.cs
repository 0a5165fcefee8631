using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>The embedded default: a SQLite file (WAL, busy timeout). Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteLtcHubDbContext(DbContextOptions<SqliteLtcHubDbContext> options) : LtcHubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ReportSql.MapSqlite(builder);
    }
}

/// <summary>Production: SQL Server. Migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerLtcHubDbContext(DbContextOptions<SqlServerLtcHubDbContext> options) : LtcHubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ReportSql.MapSqlServer(builder);
    }
}
