using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Identity;

/// <summary>The <see cref="Actor"/> a stored user acts as when no one is signed in for them (a webhook reads as its owner).</summary>
public static class Actors
{
    /// <returns>Null for a user who no longer exists or is disabled: nothing is read for them.</returns>
    public static async Task<Actor?> ForUserAsync(LtcHubDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || UserAdminService.IsDisabled(user))
        {
            return null;
        }

        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!)
            .ToListAsync(cancellationToken);
        var managed = await db.Teams.Where(t => t.ManagerId == userId).Select(t => t.Id).ToListAsync(cancellationToken);
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), user.TeamId, managed.ToHashSet());
    }
}
