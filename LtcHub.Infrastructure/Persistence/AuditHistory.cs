using System.Globalization;
using LtcHub.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Persistence;

public static class AuditHistory
{
    /// <summary>One entity's audit lines, newest first (a deal's timeline; who changed a stage last).</summary>
    public static IQueryable<AuditEntry> HistoryOf(this LtcHubDbContext db, string entityType, int entityId)
    {
        var id = entityId.ToString(CultureInfo.InvariantCulture);
        return db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == id)
            .OrderByDescending(a => a.Id);
    }
}
