namespace LtcHub.Domain.Scoring;

/// <summary>A scored lead's grade, A best. Stages may require one (Qualified: any grade; later stages: B or better, say).</summary>
public enum Grade
{
    A,
    B,
    C,
    D,
}
