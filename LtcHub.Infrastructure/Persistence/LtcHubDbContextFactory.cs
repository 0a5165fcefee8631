using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>Hands out the configured provider's context as the shared <see cref="LtcHubDbContext"/>.</summary>
internal sealed class LtcHubDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<LtcHubDbContext>
    where TContext : LtcHubDbContext
{
    public LtcHubDbContext CreateDbContext() => inner.CreateDbContext();
}
