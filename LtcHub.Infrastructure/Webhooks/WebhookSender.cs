using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Webhooks;

/// <summary>
/// Delivers what is due: a POST of the payload with its event, delivery id, timestamp and an HMAC-SHA256 signature
/// (<c>X-LtcHub-Signature: sha256=hex(HMAC(secret, timestamp + "." + body))</c>). A 2xx answer delivers it; anything
/// else is tried again later, backing off (1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h), then left failed for a
/// person to redeliver. Each delivery is claimed in the database first, so two instances never send it twice at once.
/// </summary>
public sealed class WebhookSender(IDbContextFactory<LtcHubDbContext> contexts, IHttpClientFactory http, TimeProvider time, ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "X-LtcHub-Event";
    public const string DeliveryHeader = "X-LtcHub-Delivery";
    public const string TimestampHeader = "X-LtcHub-Timestamp";
    public const string SignatureHeader = "X-LtcHub-Signature";

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromHours(24),
    ];

    public static int MaxAttempts => Backoff.Length + 1;

    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>The signature a receiver computes to check a delivery (also used by the tests' receiver).</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    /// <returns>How many were delivered.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var triedNow = new HashSet<string>(); // one attempt per delivery per run: a failing receiver waits for its backoff
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var due = await db.WebhookDeliveries
                .Where(d => d.NextAttemptAtUtc != null && d.NextAttemptAtUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
                .OrderBy(d => d.NextAttemptAtUtc).Select(d => d.Id).Take(50).ToListAsync(cancellationToken);
            due.RemoveAll(triedNow.Contains);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var id in due)
            {
                triedNow.Add(id);
                if (await SendOneAsync(id, cancellationToken))
                {
                    delivered++;
                }
            }
        }

        return delivered;
    }

    private async Task<bool> SendOneAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.NextAttemptAtUtc != null && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ClaimedUntilUtc, now + ClaimFor), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, cancellationToken);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        int? status = null;
        string? error;
        try
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add(EventHeader, delivery.Event);
            request.Headers.Add(DeliveryHeader, delivery.Id);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Sign(endpoint.Secret, timestamp, delivery.Payload));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"HTTP {status} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
        }

        now = time.GetUtcNow().UtcDateTime;
        if (error is null)
        {
            delivery.Delivered(status!.Value, now);
        }
        else
        {
            var retryIn = delivery.Attempts < Backoff.Length ? Backoff[delivery.Attempts] : (TimeSpan?)null;
            delivery.Failed(status, error, now, retryIn);
            logger.LogWarning("Webhook {Delivery} ({Event}) to endpoint {Endpoint} failed (attempt {Attempt}): {Error}",
                delivery.Id, delivery.Event, endpoint.Id, delivery.Attempts, error);
        }

        await db.SaveChangesAsync(cancellationToken);
        return error is null;
    }
}
