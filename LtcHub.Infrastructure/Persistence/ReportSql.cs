using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>
/// Functions the reports ask the database for, translated per provider: a date read as whole seconds since 1970 (UTC), so a
/// report reading hundreds of thousands of stays gets numbers instead of parsing text dates one by one on SQLite.
/// </summary>
public static class ReportSql
{
    /// <summary>Whole seconds from 1970-01-01 UTC to <paramref name="utc"/> (the fraction dropped). Only inside a query.</summary>
    public static long Seconds(DateTime utc) => throw new InvalidOperationException("ReportSql.Seconds runs in the database only.");

    /// <summary>The same reckoning in memory, for values read back or compared with.</summary>
    public static long SecondsOf(DateTime utc) => (long)Math.Floor((utc - DateTime.UnixEpoch).TotalSeconds);

    internal static void MapSqlite(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(ReportSql).GetMethod(nameof(Seconds))!)
            .HasTranslation(args => new SqlFunctionExpression(
                "unixepoch", args, nullable: true, argumentsPropagateNullability: [true], typeof(long), new LongTypeMapping("INTEGER")));

    internal static void MapSqlServer(ModelBuilder builder) =>
        builder.HasDbFunction(typeof(ReportSql).GetMethod(nameof(Seconds))!)
            .HasTranslation(args => new SqlFunctionExpression(
                "DATEDIFF_BIG", [new SqlFragmentExpression("second"), new SqlFragmentExpression("'1970-01-01T00:00:00'"), args[0]],
                nullable: true, argumentsPropagateNullability: [false, false, true], typeof(long), new LongTypeMapping("bigint")));
}
