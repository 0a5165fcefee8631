using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>Used by <c>dotnet ef</c> to add migrations and script them; never opens a connection for that.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLtcHubDbContext>
{
    public SqliteLtcHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteLtcHubDbContext>();
        options.UseSqlite("Data Source=design-time.db");
        return new SqliteLtcHubDbContext(options.Options);
    }
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerLtcHubDbContext>
{
    public SqlServerLtcHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerLtcHubDbContext>();
        options.UseSqlServer("Server=localhost;Database=LtcHub;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerLtcHubDbContext(options.Options);
    }
}
