using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

/// <summary>
/// Saving rows guarded by a unique key ("once per invoice and level", "once per reminder"): all of
/// them in one transaction when nobody raced us, otherwise group by group, skipping the groups
/// someone else saved first. A group's rows (say a notice and its letter) are saved together or not at all.
/// </summary>
public static class UniqueInserts
{
    /// <returns>The groups this call saved.</returns>
    public static async Task<IReadOnlyList<IReadOnlyList<object>>> SaveAsync(
        IDbContextFactory<LtcHubDbContext> contexts, IReadOnlyList<IReadOnlyList<object>> groups, CancellationToken cancellationToken = default)
    {
        if (groups.Count == 0)
        {
            return [];
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.AddRange(groups.SelectMany(g => g));
            await db.SaveChangesAsync(cancellationToken);
            return groups;
        }
        catch (DbUpdateException)
        {
            // Someone (a parallel or retried run) saved some of these first: save the rest one group at a time.
        }

        var saved = new List<IReadOnlyList<object>>();
        foreach (var group in groups)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                db.AddRange(group.Select(Fresh));
                await db.SaveChangesAsync(cancellationToken);
                saved.Add(group);
            }
            catch (DbUpdateException)
            {
                // Already there: exactly what the unique key is for.
            }
        }

        return saved;
    }

    // The first attempt may have left generated keys on the entities; a fresh context must insert them anew.
    private static object Fresh(object entity)
    {
        var id = entity.GetType().GetProperty("Id");
        if (id?.PropertyType == typeof(long))
        {
            id.SetValue(entity, 0L);
        }
        else if (id?.PropertyType == typeof(int))
        {
            id.SetValue(entity, 0);
        }

        return entity;
    }
}
