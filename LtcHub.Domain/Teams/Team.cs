using LtcHub.Domain.Common;

namespace LtcHub.Domain.Teams;

/// <summary>A team of users with one manager (a user id; users live in the identity store).</summary>
public sealed class Team
{
    public const int NameMaxLength = 100;

    private Team()
    {
    }

    public Team(string name, TeamKind kind)
    {
        Rename(name);
        Kind = kind;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public TeamKind Kind { get; private set; }

    public string? ManagerId { get; private set; }

    public void Rename(string name) => Name = Text.Required(name, NameMaxLength, "Field.TeamName");

    public void SetManager(string? userId) => ManagerId = userId;
}
