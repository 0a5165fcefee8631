using System.Buffers.Text;
using System.Security.Cryptography;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Webhooks;

public sealed record WebhookEndpointView(int Id, string Url, IReadOnlyList<string> Events, string OwnerId, string OwnerName, bool Active, string Secret,
    DateTime CreatedAtUtc, long Version, int Delivered, int Failing);

public sealed record WebhookDeliveryLine(string Id, int EndpointId, string Event, DateTime CreatedAtUtc, int Attempts, DateTime? LastAttemptAtUtc,
    int? LastStatusCode, string? LastError, DateTime? DeliveredAtUtc, DateTime? NextAttemptAtUtc)
{
    public WebhookDeliveryState State => DeliveredAtUtc is not null ? WebhookDeliveryState.Delivered
        : NextAttemptAtUtc is null ? WebhookDeliveryState.Failed
        : Attempts == 0 ? WebhookDeliveryState.Pending : WebhookDeliveryState.Retrying;
}

public enum WebhookDeliveryState
{
    Pending,
    Retrying,
    Delivered,
    Failed,
}

/// <summary>
/// Admin's webhook endpoints: registered with the events they want and the user they read as, changed against the
/// version read, their secret rotated; the delivery log with each attempt's answer, and redelivery. Audited.
/// </summary>
public sealed class WebhookService(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time)
{
    public const int LogSize = 200;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<WebhookEndpointView>> ListAsync(Actor actor)
    {
        Require(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await (from e in db.WebhookEndpoints.AsNoTracking()
                          join u in db.Users on e.OwnerId equals u.Id
                          orderby e.Id
                          select new
                          {
                              e, u.DisplayName,
                              Delivered = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.DeliveredAtUtc != null),
                              Failing = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.DeliveredAtUtc == null && d.Attempts > 0),
                          }).ToListAsync();
        return [.. rows.Select(r => new WebhookEndpointView(r.e.Id, r.e.Url, r.e.EventList, r.e.OwnerId, r.DisplayName, r.e.Active, r.e.Secret,
            r.e.CreatedAtUtc, r.e.Version, r.Delivered, r.Failing))];
    }

    public async Task<int> CreateAsync(Actor actor, string url, IReadOnlyCollection<string> events, string? ownerId)
    {
        Require(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var owner = ownerId ?? actor.UserId;
        if (!await db.Users.AnyAsync(u => u.Id == owner))
        {
            throw new NotFoundException();
        }

        var endpoint = new WebhookEndpoint(url, events, owner, NewSecret(), Now);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        db.AuditEntries.Add(Audit(actor, endpoint.Id, "Created", null, $"{endpoint.Url} [{endpoint.Events}]"));
        await db.SaveChangesAsync();
        return endpoint.Id;
    }

    public async Task UpdateAsync(Actor actor, int endpointId, long expectedVersion, string url, IReadOnlyCollection<string> events, bool active)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var endpoint = await EditableAsync(db, actor, endpointId, expectedVersion);
        var before = $"{endpoint.Url} [{endpoint.Events}] {(endpoint.Active ? "on" : "off")}";
        endpoint.Change(url, events, active);
        db.AuditEntries.Add(Audit(actor, endpoint.Id, "Changed", before, $"{endpoint.Url} [{endpoint.Events}] {(endpoint.Active ? "on" : "off")}"));
        await db.SaveChangesAsync();
    }

    public async Task<string> RotateSecretAsync(Actor actor, int endpointId, long expectedVersion)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var endpoint = await EditableAsync(db, actor, endpointId, expectedVersion);
        endpoint.RotateSecret(NewSecret());
        db.AuditEntries.Add(Audit(actor, endpoint.Id, "SecretRotated", null, null));
        await db.SaveChangesAsync();
        return endpoint.Secret;
    }

    /// <summary>The latest deliveries, newest first (of one endpoint, or of all).</summary>
    public async Task<IReadOnlyList<WebhookDeliveryLine>> DeliveriesAsync(Actor actor, int? endpointId = null)
    {
        Require(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var query = db.WebhookDeliveries.AsNoTracking();
        query = endpointId is { } id ? query.Where(d => d.EndpointId == id) : query;
        return await query.OrderByDescending(d => d.CreatedAtUtc).ThenBy(d => d.Id).Take(LogSize)
            .Select(d => new WebhookDeliveryLine(d.Id, d.EndpointId, d.Event, d.CreatedAtUtc, d.Attempts, d.LastAttemptAtUtc, d.LastStatusCode,
                d.LastError, d.DeliveredAtUtc, d.NextAttemptAtUtc))
            .ToListAsync();
    }

    /// <summary>Sends a delivery again with the same id and payload (the receiver can tell it is the same event).</summary>
    public async Task RedeliverAsync(Actor actor, string deliveryId)
    {
        Require(actor);
        await using var db = await contexts.CreateDbContextAsync();
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId) ?? throw new NotFoundException();
        delivery.Redeliver(Now);
        db.AuditEntries.Add(Audit(actor, delivery.EndpointId, "Redelivered", null, $"{delivery.Event} {delivery.Id}"));
        await db.SaveChangesAsync();
    }

    private async Task<WebhookEndpoint> EditableAsync(LtcHubDbContext db, Actor actor, int endpointId, long expectedVersion)
    {
        Require(actor);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId) ?? throw new NotFoundException();
        if (endpoint.Version != expectedVersion)
        {
            var last = await db.HistoryOf(EntityType, endpointId).Select(a => a.ActorName).FirstOrDefaultAsync();
            throw new ConflictException("Error.WebhookConflict", last, last ?? "?");
        }

        return endpoint;
    }

    public const string EntityType = "Webhook";

    private static void Require(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException();
        }
    }

    private AuditEntry Audit(Actor actor, int endpointId, string field, string? before, string? after) =>
        new(Now, actor.UserId, actor.DisplayName, EntityType, SecurityAudit.Id(endpointId), field, before, after is null ? null : Text.Truncate(after, 1000));

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
