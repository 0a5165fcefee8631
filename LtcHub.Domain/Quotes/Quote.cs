using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Quotes;

/// <summary>
/// A priced offer for a deal (报价单). Lines carry their own rounded net and tax; the quote keeps the
/// totals. A quote is edited while it is a draft; once sent, a change is a new revision of the same
/// number and the old one stays readable. A discount above the company's limit needs a sales
/// manager's approval before the quote can be sent. <see cref="Version"/> guards concurrent changes.
/// </summary>
public sealed class Quote
{
    public const string EntityType = "Quote";
    public const int NumberMaxLength = 32;
    public const int NotesMaxLength = 2000;
    public const int CommentMaxLength = 500;
    public const int MaxLines = 100;

    private readonly List<QuoteLine> _lines = [];

    private Quote()
    {
    }

    public Quote(int dealId, string number, int revision, string currency, string culture, int? contactId, DateOnly validUntil,
        string? notes, IReadOnlyList<QuoteLineInput> lines, string createdById, DateTime nowUtc)
    {
        DealId = dealId;
        Number = Text.Required(number, NumberMaxLength, "Field.QuoteNumber");
        Revision = revision;
        Currency = Money.ValidCurrency(currency);
        CreatedById = createdById;
        CreatedAtUtc = nowUtc;
        Status = QuoteStatus.Draft;
        SetContent(culture, contactId, validUntil, notes, lines);
        UpdatedAtUtc = nowUtc;
        Version = 1;
    }

    public int Id { get; private set; }

    public int DealId { get; private set; }

    /// <summary>Q-2026-00001; every revision of a quote shares it.</summary>
    public string Number { get; private set; } = "";

    /// <summary>1, 2, 3 …: a new one each time a sent quote is revised.</summary>
    public int Revision { get; private set; }

    public QuoteStatus Status { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    /// <summary>The customer's language: the PDF and the e-mail are written in it.</summary>
    public string Culture { get; private set; } = Languages.Chinese;

    /// <summary>Who at the customer it is addressed (and e-mailed) to.</summary>
    public int? ContactId { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public string? Notes { get; private set; }

    public decimal Net { get; private set; }

    public decimal Tax { get; private set; }

    public decimal Gross { get; private set; }

    public decimal MaxDiscount { get; private set; }

    public IReadOnlyList<QuoteLine> Lines => _lines;

    public string CreatedById { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public DateTime? ApprovalRequestedAtUtc { get; private set; }

    public string? ApprovedById { get; private set; }

    public DateTime? ApprovedAtUtc { get; private set; }

    /// <summary>The manager's comment on approving, or the reason for refusing.</summary>
    public string? ApprovalComment { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>When the customer accepted or rejected it, or it expired.</summary>
    public DateTime? ClosedAtUtc { get; private set; }

    public long Version { get; private set; }

    public string Title => string.Create(CultureInfo.InvariantCulture, $"{Number} v{Revision}");

    public bool IsEditable => Status is QuoteStatus.Draft or QuoteStatus.PendingApproval or QuoteStatus.Approved;

    /// <summary>Whether this quote needs a manager's approval before it can be sent.</summary>
    public bool NeedsApproval(decimal discountLimit) => MaxDiscount > discountLimit && ApprovedAtUtc is null;

    /// <summary>Changes a draft (an approved or pending quote goes back to draft: the approval was for other terms).</summary>
    public void Edit(string culture, int? contactId, DateOnly validUntil, string? notes, IReadOnlyList<QuoteLineInput> lines, DateTime nowUtc)
    {
        Require(IsEditable, "Error.QuoteNotEditable");
        SetContent(culture, contactId, validUntil, notes, lines);
        if (Status != QuoteStatus.Draft)
        {
            Status = QuoteStatus.Draft;
            ApprovalRequestedAtUtc = null;
            ApprovedAtUtc = null;
            ApprovedById = null;
        }

        Touch(nowUtc);
    }

    public void RequestApproval(DateTime nowUtc)
    {
        Require(Status == QuoteStatus.Draft, "Error.QuoteNotEditable");
        Status = QuoteStatus.PendingApproval;
        ApprovalRequestedAtUtc = nowUtc;
        ApprovalComment = null;
        Touch(nowUtc);
    }

    public void Approve(Actor by, string? comment, DateTime nowUtc)
    {
        Require(Status == QuoteStatus.PendingApproval, "Error.QuoteNotPending");
        Status = QuoteStatus.Approved;
        ApprovedById = by.UserId;
        ApprovedAtUtc = nowUtc;
        ApprovalComment = Text.Optional(comment, CommentMaxLength, "Field.ApprovalComment");
        Touch(nowUtc);
    }

    /// <summary>The manager refuses the discount: back to draft, with the reason, for the rep to change.</summary>
    public void RefuseApproval(string comment, DateTime nowUtc)
    {
        Require(Status == QuoteStatus.PendingApproval, "Error.QuoteNotPending");
        Status = QuoteStatus.Draft;
        ApprovalComment = Text.Required(comment, CommentMaxLength, "Field.ApprovalComment");
        ApprovalRequestedAtUtc = null;
        Touch(nowUtc);
    }

    public void MarkSent(decimal discountLimit, DateOnly today, DateTime nowUtc)
    {
        Require(Status is QuoteStatus.Draft or QuoteStatus.Approved, "Error.QuoteNotEditable");
        if (NeedsApproval(discountLimit))
        {
            throw new DomainException("Error.QuoteNeedsApproval", discountLimit);
        }

        if (ValidUntil < today)
        {
            throw new DomainException("Error.QuoteValidUntilPast");
        }

        Status = QuoteStatus.Sent;
        SentAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>A new revision with the same number and lines, as a draft; a sent quote it replaces is superseded.</summary>
    public Quote Revise(DateOnly validUntil, string byUserId, DateTime nowUtc)
    {
        Require(Status is QuoteStatus.Sent or QuoteStatus.Rejected or QuoteStatus.Expired, "Error.QuoteNotRevisable");
        var next = new Quote(DealId, Number, Revision + 1, Currency, Culture, ContactId, validUntil, Notes,
            _lines.OrderBy(l => l.Position).Select(l => l.ToInput()).ToList(), byUserId, nowUtc);
        if (Status == QuoteStatus.Sent)
        {
            Status = QuoteStatus.Superseded;
            Touch(nowUtc);
        }

        return next;
    }

    public void Accept(DateTime nowUtc) => Close(QuoteStatus.Accepted, nowUtc);

    public void Reject(DateTime nowUtc) => Close(QuoteStatus.Rejected, nowUtc);

    /// <summary>A sent quote past its valid-until date expires (the nightly job).</summary>
    public bool ExpireIfDue(DateOnly today, DateTime nowUtc)
    {
        if (Status != QuoteStatus.Sent || ValidUntil >= today)
        {
            return false;
        }

        Close(QuoteStatus.Expired, nowUtc);
        return true;
    }

    private void Close(QuoteStatus status, DateTime nowUtc)
    {
        Require(Status == QuoteStatus.Sent, "Error.QuoteNotSent");
        Status = status;
        ClosedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    private void SetContent(string culture, int? contactId, DateOnly validUntil, string? notes, IReadOnlyList<QuoteLineInput> lines)
    {
        if (lines.Count == 0)
        {
            throw new DomainException("Error.QuoteNeedsLines");
        }

        if (lines.Count > MaxLines)
        {
            throw new DomainException("Error.QuoteTooManyLines", MaxLines);
        }

        var built = lines.Select((l, i) => new QuoteLine(i, l)).ToList();
        var (net, tax) = (built.Sum(l => l.Net), built.Sum(l => l.Tax));
        if (net + tax > Money.MaxAmount)
        {
            throw new DomainException("Error.AmountTooLarge", Money.MaxAmount);
        }

        Culture = culture == Languages.English ? Languages.English : Languages.Chinese;
        ContactId = contactId;
        ValidUntil = Dates.Valid(validUntil, "Field.ValidUntil");
        Notes = Text.Optional(notes, NotesMaxLength, "Field.QuoteNotes");
        _lines.Clear();
        _lines.AddRange(built);
        (Net, Tax, Gross) = (net, tax, net + tax);
        MaxDiscount = built.Max(l => l.DiscountPercent);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private static void Require(bool condition, string code)
    {
        if (!condition)
        {
            throw new DomainException(code);
        }
    }
}
