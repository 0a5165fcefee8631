using LtcHub.Domain.Quotes;

namespace LtcHub.Infrastructure.Quotes;

/// <summary>What the quote editor submits.</summary>
public sealed record QuoteDraft(string Culture, int? ContactId, DateOnly ValidUntil, string? Notes, IReadOnlyList<QuoteLineInput> Lines);

public sealed record QuoteLineView(
    int Position, int? ProductId, string Description, string Unit, decimal Quantity, decimal UnitPrice, decimal DiscountPercent, decimal TaxRate,
    decimal Net, decimal Tax)
{
    public decimal Gross => Net + Tax;

    public QuoteLineInput ToInput() => new(ProductId, Description, Unit, Quantity, UnitPrice, DiscountPercent, TaxRate);
}

/// <summary>A quote as the screen, the PDF and the e-mail show it, with what the reader may do with it.</summary>
public sealed record QuoteView(
    int Id, int DealId, string DealName, string AccountName, string? AccountEnglishName, string Number, int Revision, QuoteStatus Status,
    string Currency, string Culture, int? ContactId, string? ContactName, string? ContactEmail, DateOnly ValidUntil, string? Notes,
    decimal Net, decimal Tax, decimal Gross, decimal MaxDiscount, IReadOnlyList<QuoteLineView> Lines, string CreatedByName, DateTime CreatedAtUtc,
    DateTime? ApprovalRequestedAtUtc, string? ApprovedByName, string? ApprovalComment, DateTime? SentAtUtc, DateTime? ClosedAtUtc, long Version)
{
    public string Title => $"{Number} v{Revision}";

    public bool IsEditable => Status is QuoteStatus.Draft or QuoteStatus.PendingApproval or QuoteStatus.Approved;

    /// <summary>The reader may edit, send, revise and record the customer's answer.</summary>
    public bool CanSell { get; init; }

    /// <summary>The reader may approve or refuse its discount.</summary>
    public bool CanApprove { get; init; }

    /// <summary>Its discount is over the company's limit and it has no approval yet.</summary>
    public bool NeedsApproval { get; init; }

    public decimal DiscountLimit { get; init; }
}
