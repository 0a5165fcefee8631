namespace LtcHub.Domain.Teams;

/// <summary>The four roles of LtcHub.</summary>
public static class Roles
{
    public const string Sales = "Sales";
    public const string Ops = "Ops";
    public const string Finance = "Finance";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Sales, Ops, Finance, Admin];
}
