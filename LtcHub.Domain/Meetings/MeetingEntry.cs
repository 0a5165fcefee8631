using LtcHub.Domain.Common;

namespace LtcHub.Domain.Meetings;

public enum MeetingEntryKind
{
    Note,
    Decision,
}

/// <summary>
/// A note or a decision, by one person, on one deal of the agenda (or on the meeting as a whole).
/// Each is its own row, never an edit of a shared text: two people writing at once both keep theirs.
/// </summary>
public sealed class MeetingEntry
{
    public const int TextMaxLength = 4000;

    private MeetingEntry()
    {
    }

    public MeetingEntry(int meetingId, int? dealId, MeetingEntryKind kind, string text, string authorId, string authorName, DateTime nowUtc)
    {
        MeetingId = meetingId;
        DealId = dealId;
        Kind = kind;
        Text = Common.Text.Required(text, TextMaxLength, kind == MeetingEntryKind.Decision ? "Field.Decision" : "Field.Note");
        AuthorId = authorId;
        AuthorName = authorName;
        AtUtc = nowUtc;
    }

    public long Id { get; private set; }

    public int MeetingId { get; private set; }

    public int? DealId { get; private set; }

    public MeetingEntryKind Kind { get; private set; }

    public string Text { get; private set; } = "";

    public string AuthorId { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    public DateTime AtUtc { get; private set; }
}

/// <summary>Something someone must do by a date, agreed in a meeting (or anywhere).</summary>
public sealed class ActionItem
{
    public const int TextMaxLength = 500;

    private ActionItem()
    {
    }

    public ActionItem(int? meetingId, int? dealId, string text, string ownerId, DateOnly dueDate, string createdById, string createdByName, DateTime nowUtc)
    {
        MeetingId = meetingId;
        DealId = dealId;
        Text = Common.Text.Required(text, TextMaxLength, "Field.ActionText");
        OwnerId = string.IsNullOrEmpty(ownerId) ? throw new DomainException("Error.Required", "Field.ActionOwner") : ownerId;
        DueDate = Dates.Valid(dueDate, "Field.DueDate");
        CreatedById = createdById;
        CreatedByName = createdByName;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }

    public int? MeetingId { get; private set; }

    public int? DealId { get; private set; }

    public string Text { get; private set; } = "";

    public string OwnerId { get; private set; } = "";

    public DateOnly DueDate { get; private set; }

    public string CreatedById { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? DoneAtUtc { get; private set; }

    /// <summary>Stamped by the reminders job so an action's reminder goes out once.</summary>
    public DateTime? ReminderSentAtUtc { get; private set; }

    public void Complete(DateTime nowUtc) => DoneAtUtc ??= nowUtc;

    public void Reopen() => DoneAtUtc = null;
}
