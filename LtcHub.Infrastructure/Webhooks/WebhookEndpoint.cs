using LtcHub.Domain.Common;

namespace LtcHub.Infrastructure.Webhooks;

/// <summary>The events an endpoint can subscribe to, by the names integrations see.</summary>
public static class WebhookEvents
{
    public const string LeadCreated = "lead.created";
    public const string DealMoved = "deal.moved";
    public const string DealWon = "deal.won";
    public const string DealLost = "deal.lost";
    public const string QuoteAccepted = "quote.accepted";
    public const string InvoiceIssued = "invoice.issued";
    public const string InvoiceOverdue = "invoice.overdue";
    public const string PaymentRecorded = "payment.recorded";

    public static readonly IReadOnlyList<string> All =
        [LeadCreated, DealMoved, DealWon, DealLost, QuoteAccepted, InvoiceIssued, InvoiceOverdue, PaymentRecorded];
}

/// <summary>
/// A URL that receives LtcHub's events, signed with its own secret. It reads as <see cref="OwnerId"/>: a payload
/// carries only what that user may see (an invoice they may not read is never sent to it).
/// </summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 500;
    public const int SecretLength = 43;

    private WebhookEndpoint()
    {
    }

    public WebhookEndpoint(string url, IEnumerable<string> events, string ownerId, string secret, DateTime nowUtc)
    {
        Change(url, events, true);
        OwnerId = ownerId;
        Secret = secret;
        CreatedAtUtc = nowUtc;
        Version = 1;
    }

    public int Id { get; private set; }

    public string Url { get; private set; } = "";

    /// <summary>Subscribed event names, comma-separated (see <see cref="WebhookEvents"/>).</summary>
    public string Events { get; private set; } = "";

    public string OwnerId { get; private set; } = "";

    /// <summary>The HMAC key; the receiver keeps a copy to check signatures.</summary>
    public string Secret { get; private set; } = "";

    public bool Active { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventName) => Active && EventList.Contains(eventName);

    public void Change(string url, IEnumerable<string> events, bool active)
    {
        var address = Text.Required(url, UrlMaxLength, "Field.WebhookUrl");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
        {
            throw new DomainException("Error.WebhookUrl");
        }

        var chosen = events.Distinct().ToList();
        if (chosen.Count == 0 || chosen.Any(e => !WebhookEvents.All.Contains(e)))
        {
            throw new DomainException("Error.WebhookEvents");
        }

        (Url, Events, Active) = (uri.ToString(), string.Join(',', WebhookEvents.All.Where(chosen.Contains)), active);
        Version++;
    }

    public void RotateSecret(string secret)
    {
        Secret = secret;
        Version++;
    }
}
