using LtcHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtcHub.Tests.Support;

/// <summary>A real SQLite file in a fresh temp folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ltchub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "ltchub.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    /// <summary>A context on this file, with the SQLite provider the app runs on by default.</summary>
    public SqliteLtcHubDbContext Context() =>
        new(new DbContextOptionsBuilder<SqliteLtcHubDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>
    /// The schema as it stood after <paramref name="migration"/>, holding <paramref name="rows"/> written in plain SQL as the
    /// app of that day wrote them: what an upgrade starts from.
    /// </summary>
    public async Task AtMigrationAsync(string migration, string rows)
    {
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(migration);
        }

        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var seed = connection.CreateCommand();
        seed.CommandText = rows;
        await seed.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finished host; the OS temp cleaner gets it.
        }
    }
}
