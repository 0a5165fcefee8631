namespace LtcHub.Domain.Quotes;

/// <summary>draft → (pending approval → approved) → sent → accepted / rejected / expired; a revised quote is superseded.</summary>
public enum QuoteStatus
{
    Draft,
    PendingApproval,
    Approved,
    Sent,
    Accepted,
    Rejected,
    Expired,
    Superseded,
}
