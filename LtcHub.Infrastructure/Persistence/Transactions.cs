using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> on a fresh context inside one transaction: everything it saves commits
    /// together or not at all. It runs under the provider's execution strategy (SQL Server retries
    /// transient faults, and a retry starts again with a new context), so the work must not have
    /// effects outside the database.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(
        this IDbContextFactory<LtcHubDbContext> contexts, Func<LtcHubDbContext, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var probe = await contexts.CreateDbContextAsync(cancellationToken);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(db);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}
