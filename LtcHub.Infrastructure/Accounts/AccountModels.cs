using LtcHub.Domain.Accounts;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Scoring;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>How a customer pays, in a word (for filters and segments).</summary>
public enum PaymentBehaviour
{
    /// <summary>No invoices yet.</summary>
    None,
    OnTime,
    Late,

    /// <summary>Something is overdue now.</summary>
    Overdue,
}

/// <summary>The account list's filter (a segment is one of these, saved with a name).</summary>
public sealed record AccountFilter(
    string? Text = null, string? Industry = null, string? City = null, SizeBand? Size = null, CustomerLevel? Level = null,
    string? OwnerId = null, AccountStatus? Status = null, PaymentBehaviour? Payment = null, bool? InPool = null)
{
    public static AccountFilter Everything { get; } = new();
}

public sealed record AccountRow(
    int Id, string Name, string? EnglishName, string? Industry, string? City, CustomerLevel Level, SizeBand Size, AccountStatus Status,
    string? OwnerId, string? OwnerName, bool InPool, DateTime? LastFollowUpAtUtc, int OpenDeals, decimal OpenPipeline, PaymentBehaviour Payment)
{
    public string DisplayName(bool english) => english && EnglishName is not null ? EnglishName : Name;
}

public sealed record SegmentRow(int Id, string Name, AccountFilter Filter, int Count, decimal OpenPipeline);

public sealed record ContactLine(int Id, string Name, string? Title, string? Email, string? Phone);

public sealed record FollowUpLine(
    long Id, FollowUpKind Kind, string Content, DateTime AtUtc, DateOnly? NextFollowUpDate, string AuthorName, int? DealId, string? DealName,
    int? ContactId, string? ContactName);

public sealed record AccountInvoiceLine(int Id, string Number, int DealId, decimal Amount, decimal Paid, string Currency, DateOnly DueDate, DateOnly? PaidOn);

/// <summary>The customer as a whole, as one person may see it.</summary>
public sealed record AccountView(
    int Id, string Name, string? EnglishName, string? Industry, string? City, string PreferredCulture, CustomerLevel Level, SizeBand Size,
    AccountStatus Status, LeadSource? Source, string? CampaignName, string? OwnerId, string? OwnerName, string? TeamName, bool InPool,
    DateTime? PooledAtUtc, string? PoolReason, DateTime? LastFollowUpAtUtc, long Version,
    IReadOnlyList<ContactLine> Contacts, IReadOnlyList<DealCard> Deals, IReadOnlyList<AccountInvoiceLine> Invoices, PaymentHistory Payments,
    IReadOnlyList<FollowUpLine> FollowUps)
{
    public bool CanEdit { get; init; }

    public bool CanClaim { get; init; }

    public bool CanAssign { get; init; }

    public bool CanRelease { get; init; }

    public bool CanMerge { get; init; }

    public AccountProfile Profile => new(Name, EnglishName, Industry, City, PreferredCulture, Level, Size);
}
