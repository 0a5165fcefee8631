using System.Data;
using System.Data.Common;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Reports;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtcHub.Tests.Infrastructure.Reports;

/// <summary>
/// Every report run end to end on the SQL Server provider. No SQL Server can run here, so the commands are translated by
/// EF's SQL Server provider and captured instead of sent (an interceptor answers each with no rows): a query the provider
/// cannot translate fails here, and the captured SQL shows the set-based shape (no query per deal).
/// </summary>
public class ReportQueriesSqlServerTests
{
    [Theory]
    [MemberData(nameof(Reports))]
    public async Task EveryReport_TranslatesForSqlServer_InAFewSetBasedQueries(string name)
    {
        var capture = new CaptureCommands();
        var options = new DbContextOptionsBuilder<SqlServerLtcHubDbContext>()
            .UseSqlServer("Server=none;Database=LtcHub;TrustServerCertificate=True")
            .AddInterceptors(capture)
            .Options;
        await using var db = new SqlServerLtcHubDbContext(options);
        var report = AllReports().Single(r => r.Name == name);
        var filter = new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), TeamId: 1, OpsTeamId: 3, Source: LtcHub.Domain.Accounts.LeadSource.Web);
        var data = await ReportData.OpenAsync(db, TestActors.Sales("u-rep", 1), filter, new DateTime(2026, 11, 5, 4, 0, 0, DateTimeKind.Utc), default);

        var sections = await report.ComputeAsync(data, default);

        Assert.NotEmpty(sections);
        Assert.InRange(capture.Commands.Count, 3, 20);
        Assert.All(capture.Commands, sql => Assert.DoesNotContain("ef_", sql));            // SQLite's helper functions never leak in
        Assert.Contains(capture.Commands, sql => sql.Contains("[d].[OwnerId] = @", StringComparison.Ordinal) || name is ReportNames.Targets or ReportNames.ArAging);
        // Stays are read as whole seconds, and the period before as counts per step, in SQL Server's own terms.
        Assert.True(name != ReportNames.TimeInStage || capture.Commands.Any(sql => sql.Contains("DATEDIFF_BIG(second, '1970-01-01T00:00:00', [d].[AtUtc])", StringComparison.Ordinal)
            && sql.Contains("GROUP BY", StringComparison.Ordinal)));
    }

    public static TheoryData<string> Reports() => new(AllReports().Select(r => r.Name));

    private static IReadOnlyList<IReport> AllReports() =>
        [new FunnelReport(), new TimeInStageReport(), new ForecastReport(), new TargetsReport(), new WinRateReport(), new ArAgingReport(), new SourceReturnReport(), new SharedKpiReport()];

    /// <summary>Keeps each command's SQL and answers it with an empty result, without a connection.</summary>
    private sealed class CaptureCommands : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader()));
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(DBNull.Value));
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) => InterceptionResult.Suppress();
    }
}
