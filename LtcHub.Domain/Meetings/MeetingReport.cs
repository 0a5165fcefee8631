namespace LtcHub.Domain.Meetings;

/// <summary>
/// A report on a meeting's agenda (its name and the filter it is shown with). Focusing it keeps a snapshot of its
/// figures as they were, which the minutes quote.
/// </summary>
public sealed class MeetingReport
{
    public const int ReportMaxLength = 40;
    public const int QueryMaxLength = 500;
    public const int SnapshotMaxLength = 20_000;

    private MeetingReport()
    {
    }

    public MeetingReport(int meetingId, string report, string query, int position)
    {
        MeetingId = meetingId;
        Report = report;
        Query = query.Length <= QueryMaxLength ? query : query[..QueryMaxLength];
        Position = position;
    }

    public int Id { get; private set; }

    public int MeetingId { get; private set; }

    public string Report { get; private set; } = "";

    /// <summary>The report page's query string (period, team, owner, …), without the leading '?'.</summary>
    public string Query { get; private set; } = "";

    public int Position { get; private set; }

    /// <summary>The figures as they were when last focused, as a Markdown table.</summary>
    public string? SnapshotMarkdown { get; private set; }

    public DateTime? SnapshotAtUtc { get; private set; }

    public void Snapshot(string markdown, DateTime nowUtc)
    {
        SnapshotMarkdown = markdown.Length <= SnapshotMaxLength ? markdown : markdown[..SnapshotMaxLength];
        SnapshotAtUtc = nowUtc;
    }
}
