using System.Linq.Expressions;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Quotes;

/// <summary><see cref="DocumentPolicy.CanRead"/> as a query: the deals whose documents a person may read.</summary>
internal static class DocumentAccess
{
    public static Expression<Func<Deal, bool>> Readable(Actor actor)
    {
        if (actor.IsAdmin || actor.IsInRole(Roles.Finance) || actor.IsInRole(Roles.Ops))
        {
            return _ => true;
        }

        var managed = actor.ManagedTeamIds.ToList();
        var team = actor.TeamId;
        return d => d.OwnerId == actor.UserId || (d.TeamId != null && (managed.Contains(d.TeamId.Value) || d.TeamId == team));
    }
}
