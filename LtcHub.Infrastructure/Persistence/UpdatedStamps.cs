using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>
/// When an account, a contact or an invoice was last written, for the API's <c>updatedSince</c>: a shadow column
/// (the domain has no use for it) stamped on every insert and update that goes through SaveChanges. Deals and
/// quotes keep their own <c>UpdatedAtUtc</c>; payments never change after they are recorded.
/// </summary>
internal sealed class UpdatedStamps(TimeProvider time) : SaveChangesInterceptor
{
    public const string Property = "UpdatedAtUtc";

    public static readonly Type[] Stamped = [typeof(Account), typeof(Contact), typeof(Invoice)];

    public static DateTime Of(object entity) => EF.Property<DateTime>(entity, Property);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && Stamped.Contains(entry.Metadata.ClrType))
            {
                entry.Property(Property).CurrentValue = now;
            }
        }
    }
}
