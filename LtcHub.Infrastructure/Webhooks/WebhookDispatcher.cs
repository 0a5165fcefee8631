using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Webhooks;

/// <summary>
/// Turns what happened on the bus into deliveries, one per subscribed endpoint, each payload read through the API's
/// own lists as the endpoint's owner — so it carries exactly what that user may see, and nothing for an event they may
/// not see. Stored before sending (the sender retries from the database); an event seen twice is stored once.
/// </summary>
public sealed class WebhookDispatcher(IDbContextFactory<LtcHubDbContext> contexts, ApiReader reader, TimeProvider time)
{
    /// <summary>camelCase, enums by name, Chinese as text (not \uXXXX escapes), as the API answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The webhook events a bus event stands for, each with its once-only key and the entity it concerns.</summary>
    public static IReadOnlyList<(string Event, string Key)> EventsOf(BoardEvent boardEvent) => boardEvent switch
    {
        DealCreated e => [(WebhookEvents.LeadCreated, $"deal-{e.Card.Id}")],
        DealMoved e => [(WebhookEvents.DealMoved, $"deal-{e.Card.Id}-v{e.Card.Version}"),
            .. e.Card.StageKey == StageKeys.Won ? [(WebhookEvents.DealWon, $"deal-{e.Card.Id}-v{e.Card.Version}")] : Array.Empty<(string, string)>(),
            .. e.Card.StageKey == StageKeys.Lost ? [(WebhookEvents.DealLost, $"deal-{e.Card.Id}-v{e.Card.Version}")] : Array.Empty<(string, string)>()],
        QuoteChanged { Status: QuoteStatus.Accepted } e => [(WebhookEvents.QuoteAccepted, $"quote-{e.QuoteId}")],
        InvoiceChanged { Change: InvoiceChange.Issued } e => [(WebhookEvents.InvoiceIssued, $"invoice-{e.InvoiceId}")],
        InvoiceChanged { Change: InvoiceChange.PaymentRecorded } e => [(WebhookEvents.PaymentRecorded, $"invoice-{e.InvoiceId}-payment")],
        DunningLevelsReached { Invoices: { } levels } => [.. levels.Where(l => l.DaysOverdue > 0).Select(l => (WebhookEvents.InvoiceOverdue, $"invoice-{l.InvoiceId}-level-{l.Level}"))],
        _ => [],
    };

    /// <returns>How many deliveries were stored.</returns>
    public async Task<int> DispatchAsync(BoardEvent boardEvent, CancellationToken cancellationToken = default)
    {
        var events = EventsOf(boardEvent);
        if (events.Count == 0)
        {
            return 0;
        }

        var deliveries = new List<IReadOnlyList<object>>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var endpoints = (await db.WebhookEndpoints.AsNoTracking().Where(e => e.Active).ToListAsync(cancellationToken))
                .Where(e => events.Any(x => e.Wants(x.Event))).ToList();
            foreach (var endpoint in endpoints)
            {
                if (await Actors.ForUserAsync(db, endpoint.OwnerId, cancellationToken) is not { } owner)
                {
                    continue;
                }

                foreach (var (name, key) in events.Where(x => endpoint.Wants(x.Event)))
                {
                    var (data, entityKey) = await DataAsync(boardEvent, name, key, owner);
                    if (data is null)
                    {
                        continue; // not the owner's to see
                    }

                    var now = time.GetUtcNow().UtcDateTime;
                    var id = Guid.NewGuid().ToString("N");
                    var payload = JsonSerializer.Serialize(new { id, @event = name, occurredAtUtc = now, data }, Json);
                    deliveries.Add([new WebhookDelivery(id, endpoint.Id, name, entityKey, payload, now)]);
                }
            }
        }

        return (await UniqueInserts.SaveAsync(contexts, deliveries, cancellationToken)).Count;
    }

    /// <summary>The payload's data as <paramref name="owner"/> may see it (null: nothing for them), and the key it is stored once under.</summary>
    private async Task<(object? Data, string Key)> DataAsync(BoardEvent boardEvent, string name, string key, Actor owner)
    {
        switch (boardEvent)
        {
            case DealCreated e:
                return (ApiDeal.From(e.Card), key);
            case DealMoved e:
                return (new { deal = ApiDeal.From(e.Card), from = e.FromStageKey, to = e.Card.StageKey, movedBy = e.ActorName }, key);
            case QuoteChanged e:
                return ((await reader.QuotesAsync(owner, e.DealId, new ApiPaging(1, ApiPaging.MaxSize))).Items.SingleOrDefault(q => q.Id == e.QuoteId), key);
            case InvoiceChanged e:
                var invoice = await InvoiceAsync(owner, e.DealId, e.InvoiceId);
                if (invoice is null || name == WebhookEvents.InvoiceIssued)
                {
                    return (invoice, key);
                }

                // The payment this event announced is the invoice's latest: its id makes the key, so a second look at the event adds nothing.
                var payments = await reader.PaymentsAsync(owner, new InvoiceFilter(DealId: e.DealId), e.InvoiceId, new ApiPaging(1, ApiPaging.MaxSize));
                var payment = payments.Items.MaxBy(p => p.Id);
                return (new { invoice, payment }, $"{key}-{payment?.Id}");
            case DunningLevelsReached e:
                var level = e.Invoices!.Single(l => key == $"invoice-{l.InvoiceId}-level-{l.Level}");
                return (await InvoiceAsync(owner, null, level.InvoiceId) is { } overdue
                    ? new { invoice = overdue, level = level.Level, daysOverdue = level.DaysOverdue }
                    : null, key);
            default:
                return (null, key);
        }
    }

    private async Task<ApiInvoice?> InvoiceAsync(Actor owner, int? dealId, int invoiceId) =>
        (await reader.InvoicesAsync(owner, new InvoiceFilter(DealId: dealId), new ApiPaging(1, ApiPaging.MaxSize))).Items.SingleOrDefault(i => i.Id == invoiceId);
}
