using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Targets;

/// <summary>Targets are set by Admin, and by a sales manager for the team they manage and its people. Everyone reads them.</summary>
public static class TargetPolicy
{
    /// <param name="teamId">The team the target is for, or the team of the person it is for.</param>
    public static bool CanSet(Actor actor, int? teamId) => actor.IsAdmin || (actor.IsInRole(Roles.Sales) && actor.Manages(teamId));
}
