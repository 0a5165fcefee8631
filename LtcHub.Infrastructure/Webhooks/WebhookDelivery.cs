namespace LtcHub.Infrastructure.Webhooks;

/// <summary>
/// One event for one endpoint: its payload as it was when the event happened, and every attempt to deliver it.
/// <see cref="EventKey"/> is unique per endpoint, so an event seen twice (a retried publish, several instances)
/// is delivered once. Retries back off; after <see cref="WebhookSender.MaxAttempts"/> it stays failed until redelivered.
/// </summary>
public sealed class WebhookDelivery
{
    public const int EventKeyMaxLength = 100;
    public const int ErrorMaxLength = 500;

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(string id, int endpointId, string eventName, string eventKey, string payload, DateTime nowUtc)
    {
        Id = id;
        EndpointId = endpointId;
        Event = eventName;
        EventKey = eventKey;
        Payload = payload;
        CreatedAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
    }

    /// <summary>The delivery id the receiver sees (X-LtcHub-Delivery): the same on every retry.</summary>
    public string Id { get; private set; } = "";

    public int EndpointId { get; private set; }

    public string Event { get; private set; } = "";

    public string EventKey { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When to try next; null once delivered or given up.</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }

    /// <summary>A sender is on it until then (two instances never send one delivery at once).</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    public DateTime? DeliveredAtUtc { get; private set; }

    public DateTime? LastAttemptAtUtc { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public void Delivered(int status, DateTime nowUtc)
    {
        Attempts++;
        (LastStatusCode, LastError, LastAttemptAtUtc, DeliveredAtUtc, NextAttemptAtUtc, ClaimedUntilUtc) = (status, null, nowUtc, nowUtc, null, null);
    }

    public void Failed(int? status, string error, DateTime nowUtc, TimeSpan? retryIn)
    {
        Attempts++;
        (LastStatusCode, LastError, LastAttemptAtUtc, ClaimedUntilUtc) = (status, Domain.Common.Text.Truncate(error, ErrorMaxLength), nowUtc, null);
        NextAttemptAtUtc = retryIn is { } wait ? nowUtc + wait : null;
    }

    /// <summary>Send again now (an admin's redeliver), whatever became of it before.</summary>
    public void Redeliver(DateTime nowUtc) => (NextAttemptAtUtc, ClaimedUntilUtc, DeliveredAtUtc) = (nowUtc, null, null);
}
