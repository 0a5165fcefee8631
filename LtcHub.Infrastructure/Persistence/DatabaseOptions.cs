using Microsoft.Extensions.Configuration;

namespace LtcHub.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// <c>Database:Provider</c> (Sqlite | SqlServer), <c>ConnectionStrings:LtcHub</c> and
/// <c>Database:MigrateOnStartup</c> (default: true for SQLite, false for SQL Server).
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string DefaultSqliteFile = "App_Data/ltchub.db";

    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText)
            ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException(
                    $"Database:Provider must be 'Sqlite' or 'SqlServer', not '{providerText}'.");

        var connectionString = configuration.GetConnectionString("LtcHub");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("ConnectionStrings:LtcHub is required when Database:Provider is SqlServer.");
            }

            connectionString = $"Data Source={Path.Combine(contentRoot, DefaultSqliteFile)}";
        }

        var migrate = configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? provider == DatabaseProvider.Sqlite;
        return new DatabaseOptions(provider, connectionString, migrate);
    }
}
