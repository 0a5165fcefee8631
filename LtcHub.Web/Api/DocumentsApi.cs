using System.Security.Cryptography;
using System.Text;
using LtcHub.Domain.Common;
using LtcHub.Domain.Quotes;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Quotes;
using LtcHub.Web.Exports;

namespace LtcHub.Web.Api;

public sealed record QuoteCreate(int DealId, string Culture, int? ContactId, DateOnly ValidUntil, string? Notes, IReadOnlyList<QuoteLineInput> Lines);

public sealed record PaymentCreate(decimal Amount, DateOnly Date, string? Reference);

/// <summary>
/// <c>/api/v1/quotes</c>, <c>/invoices</c> and <c>/payments</c>: the documents through <see cref="QuoteService"/> and
/// <see cref="BillingService"/>, so a quote's approval rules, an invoice's plan and a payment that settles a deal
/// (and moves it to Paid on every open board) work exactly as on the pages. Invoices are not edited once issued.
/// </summary>
public static class DocumentsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int IdempotencyKeyMaxLength = 200;

    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder api)
    {
        var quotes = api.MapGroup("/quotes").WithTags("Quotes");
        quotes.MapGet("/", async (HttpRequest request, ApiReader reader) =>
            Results.Ok(await reader.QuotesAsync(request.HttpContext.User.Actor(), FilterQuery.Parse<QuotesQuery>(request.Query).DealId,
                ApiHttp.Paging(request.Query))));
        quotes.MapGet("/{id:int}", async (int id, HttpContext http, QuoteReader reader) =>
            Quote(http, await reader.GetAsync(http.User.Actor(), id)));
        quotes.MapPost("/", async (QuoteCreate body, HttpContext http, QuoteService service) =>
        {
            var quote = await service.CreateAsync(http.User.Actor(), body.DealId,
                new QuoteDraft(body.Culture, body.ContactId, body.ValidUntil, body.Notes, body.Lines ?? []));
            return ApiHttp.Created(http, $"{ApiSetup.Prefix}/quotes/{quote.Id}", quote, quote.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);
        quotes.MapPut("/{id:int}", async (int id, QuoteDraft body, HttpContext http, QuoteService service) =>
            Quote(http, await service.UpdateAsync(http.User.Actor(), id, ApiHttp.IfMatch(http.Request), body with { Lines = body.Lines ?? [] })))
            .RequireAuthorization(ApiSetup.WritePolicy);
        quotes.MapPost("/{id:int}/accept", async (int id, HttpContext http, QuoteService service) =>
            Quote(http, await service.AcceptAsync(http.User.Actor(), id, ApiHttp.IfMatch(http.Request))))
            .RequireAuthorization(ApiSetup.WritePolicy);

        var invoices = api.MapGroup("/invoices").WithTags("Invoices");
        invoices.MapGet("/", async (HttpRequest request, ApiReader reader) =>
            Results.Ok(await reader.InvoicesAsync(request.HttpContext.User.Actor(), FilterQuery.Parse<InvoiceFilter>(request.Query), ApiHttp.Paging(request.Query))));
        invoices.MapGet("/{id:int}", async (int id, HttpContext http, InvoiceReader reader) =>
            await reader.DetailsAsync(http.User.Actor(), id) is { } details
                ? ApiHttp.Tagged(http, details, details.Invoice.Version)
                : throw new NotFoundException());
        invoices.MapPost("/", async (InvoiceInput body, HttpContext http, BillingService billing) =>
        {
            var row = await billing.CreateAsync(http.User.Actor(), body);
            return ApiHttp.Created(http, $"{ApiSetup.Prefix}/invoices/{row.Id}", ApiInvoice.From(row), row.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);

        // A payment is recorded once per Idempotency-Key: a retry answers 200 with the invoice as it is, never a second payment.
        invoices.MapPost("/{id:int}/payments", async (int id, PaymentCreate body, HttpContext http, BillingService billing) =>
        {
            var actor = http.User.Actor();
            var outcome = await billing.RecordPaymentAsync(actor, id,
                new PaymentInput(body.Amount, body.Date, body.Reference, SubmissionKey(actor.UserId, http.Request.Headers[IdempotencyHeader].ToString())));
            var invoice = ApiInvoice.From(outcome.Invoice);
            http.Response.Headers.ETag = ApiHttp.ETag(invoice.Version);
            return outcome.Recorded ? Results.Created($"{ApiSetup.Prefix}/invoices/{id}", invoice) : Results.Ok(invoice);
        }).RequireAuthorization(ApiSetup.WritePolicy);

        api.MapGet("/payments", async (HttpRequest request, ApiReader reader) =>
            Results.Ok(await reader.PaymentsAsync(request.HttpContext.User.Actor(), FilterQuery.Parse<InvoiceFilter>(request.Query),
                FilterQuery.Parse<PaymentsQuery>(request.Query).InvoiceId, ApiHttp.Paging(request.Query)))).WithTags("Payments");
        return api;
    }

    private static IResult Quote(HttpContext http, QuoteView quote) => ApiHttp.Tagged(http, quote, quote.Version);

    /// <summary>The client's key, scoped to its user (two clients may pick the same key) and sized for the payments' unique column.</summary>
    private static string SubmissionKey(string userId, string key)
    {
        if (key.Length is 0 or > IdempotencyKeyMaxLength)
        {
            throw new DomainException(ApiProblems.IdempotencyKeyRequired, IdempotencyKeyMaxLength);
        }

        return "api:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + key)))[..60];
    }
}
