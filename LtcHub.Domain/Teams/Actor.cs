namespace LtcHub.Domain.Teams;

/// <summary>
/// The signed-in person on whose behalf a service acts. Built by the web layer from the
/// authenticated user; services check permissions against it, never against the UI.
/// </summary>
public sealed record Actor(
    string UserId,
    string DisplayName,
    IReadOnlySet<string> Roles,
    int? TeamId,
    IReadOnlySet<int> ManagedTeamIds)
{
    public bool IsAdmin => Roles.Contains(Teams.Roles.Admin);

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool Manages(int? teamId) => teamId is { } id && ManagedTeamIds.Contains(id);

    /// <summary>The system itself (background jobs, seeding).</summary>
    public static Actor System { get; } = new(
        "system", "LtcHub", new HashSet<string> { Teams.Roles.Admin }, null, new HashSet<int>());
}
