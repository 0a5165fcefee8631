using LtcHub.Domain.Meetings;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>What someone fills in to schedule (or start) a meeting.</summary>
public sealed record MeetingInput(
    string Title, DateTime StartUtc, IReadOnlyCollection<int> TeamIds, IReadOnlyCollection<string> ParticipantIds, bool Weekly,
    string Culture);

public sealed record Person(string Id, string Name);

public sealed record MeetingSummary(
    int Id, string Title, DateTime ScheduledStartUtc, MeetingStatus Status, string Culture, bool Weekly, Guid SeriesId,
    DateTime? StartedAtUtc, DateTime? EndedAtUtc, string? FacilitatorId, int? FocusedDealId, long Version,
    IReadOnlyList<int> TeamIds, string? FocusedReport = null);

/// <summary>A report on the agenda: its name, the filter it is shown with, the snapshot taken when it was last focused.</summary>
public sealed record ReportLine(int Id, string Report, string Query, int Position, string? SnapshotMarkdown, DateTime? SnapshotAtUtc);

/// <summary>One deal on the agenda, with the card the room shows for it.</summary>
public sealed record AgendaLine(int ItemId, DealCard Card, AgendaReason Reasons, int Position)
{
    public AgendaReason Group => Reasons.Group();
}

public sealed record EntryLine(long Id, int? DealId, MeetingEntryKind Kind, string Text, string AuthorName, DateTime AtUtc);

public sealed record ActionLine(
    int Id, int? MeetingId, string? MeetingTitle, int? DealId, string? DealName, string Text, string OwnerId, string OwnerName,
    DateOnly DueDate, DateTime? DoneAtUtc, string CreatedByName);

/// <summary>A change to a deal between two meetings (from the audit log).</summary>
public sealed record DealChange(int DealId, string DealName, string? OldValue, string? NewValue, string ActorName, DateTime AtUtc);

public sealed record DealRef(int DealId, string DealName);

/// <summary>"Since last meeting": everything that happened to the scope's deals since the series last met.</summary>
public sealed record SinceLast(
    DateTime SinceUtc, bool FromPreviousMeeting, IReadOnlyList<DealChange> Moves, IReadOnlyList<DealChange> Won,
    IReadOnlyList<DealChange> Lost, IReadOnlyList<DealChange> AmountChanges, IReadOnlyList<DealChange> CloseDateChanges,
    IReadOnlyList<DealRef> NewDeals, IReadOnlyList<DealRef> NewlyStale)
{
    public static SinceLast Nothing(DateTime sinceUtc) => new(sinceUtc, false, [], [], [], [], [], [], []);
}

/// <summary>The room as one person sees it now (reloaded whenever the meeting changes).</summary>
public sealed record MeetingRoom(
    MeetingSummary Meeting, IReadOnlyList<Person> Participants, IReadOnlyList<Person> Attendees, Person? Facilitator,
    IReadOnlyList<AgendaLine> Agenda, IReadOnlyList<EntryLine> Entries, IReadOnlyList<ActionLine> Actions, SinceLast Since,
    DealDetails? Focused, bool CanSchedule, bool IsParticipant, IReadOnlyList<Person> PossibleOwners, IReadOnlyList<ReportLine> Reports);
