namespace LtcHub.Domain.Teams;

/// <summary>Which part of the company a team or a stage belongs to.</summary>
public enum TeamKind
{
    None = 0,
    Sales = 1,
    Ops = 2,
    Finance = 3,
}
