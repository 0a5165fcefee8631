using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>
/// SQLite plans queries from the statistics ANALYZE gathers; without them it guesses, and a report over a year of a big
/// company ran up to twice as long (the reports benchmark). Gathered at start and nightly, sampled
/// (<c>analysis_limit</c>) so it takes about a second on a million audit rows. SQL Server keeps its own statistics.
/// </summary>
public sealed class SqliteStatistics(IDbContextFactory<LtcHubDbContext> contexts)
{
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RefreshAsync(db, cancellationToken);
    }

    public static async Task RefreshAsync(LtcHubDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=2000; ANALYZE;", cancellationToken);
        }
    }
}
