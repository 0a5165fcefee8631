using LtcHub.Domain.Common;

namespace LtcHub.Domain.FollowUps;

public enum FollowUpKind
{
    Call,
    Visit,
    WeChat,
    Email,
    Meeting,
    Other,
}

/// <summary>
/// One contact with a customer (跟进记录): a call, visit, WeChat, e-mail or meeting, on an account and
/// optionally one of its deals and contacts, with what was said and when to follow up next. Never edited:
/// a correction is a new entry, so the log stays what happened.
/// </summary>
public sealed class FollowUp
{
    public const string EntityType = "FollowUp";
    public const int ContentMaxLength = 2000;

    private FollowUp()
    {
    }

    public FollowUp(
        int accountId, int? dealId, int? contactId, FollowUpKind kind, string content, DateTime atUtc, DateOnly? nextFollowUp,
        string authorId, string authorName, DateTime nowUtc, DateOnly today)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Error.NotFound");
        }

        if (atUtc > nowUtc.AddMinutes(5))
        {
            throw new DomainException("Error.FollowUpInFuture");
        }

        if (nextFollowUp is { } next && next < today)
        {
            throw new DomainException("Error.NextFollowUpPast");
        }

        AccountId = accountId;
        DealId = dealId;
        ContactId = contactId;
        Kind = kind;
        Content = Text.Required(content, ContentMaxLength, "Field.FollowUpContent");
        AtUtc = atUtc;
        NextFollowUpDate = nextFollowUp is { } n ? Dates.Valid(n, "Field.NextFollowUp") : null;
        AuthorId = authorId;
        AuthorName = authorName;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }

    public int AccountId { get; private set; }

    public int? DealId { get; private set; }

    public int? ContactId { get; private set; }

    public FollowUpKind Kind { get; private set; }

    public string Content { get; private set; } = "";

    /// <summary>When it happened.</summary>
    public DateTime AtUtc { get; private set; }

    /// <summary>When to follow up next: a reminder for the author on that day.</summary>
    public DateOnly? NextFollowUpDate { get; private set; }

    public string AuthorId { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>An admin merged its account into another.</summary>
    public void MoveTo(int accountId) => AccountId = accountId;
}
