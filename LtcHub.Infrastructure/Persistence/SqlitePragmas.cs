using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>
/// Many circuits and the job server write to one SQLite file: WAL lets readers go on while one
/// writes, and the busy timeout makes a second writer wait instead of failing "database is locked".
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = BusyTimeoutMilliseconds / 1000 };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }

        return options.UseSqlite(builder.ToString()).AddInterceptors(new SqlitePragmas());
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
