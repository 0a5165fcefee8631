using LtcHub.Domain.Billing;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Documents;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Billing;

/// <summary>
/// Issuing invoices and recording payments. A deal's first invoice takes it to Invoiced; the payment that
/// collects the last of it (every invoice paid, every instalment of its contract's plan collected) takes
/// it to Paid. The document and the move it causes commit in one transaction, or neither does.
/// </summary>
public sealed class BillingService(
    IDbContextFactory<LtcHubDbContext> contexts,
    PipelineService pipeline,
    IBoardEvents events,
    TimeProvider time,
    ILogger<BillingService> logger)
{
    private static readonly string[] BeforeInvoiced = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Creates an invoice: for an instalment of the deal's plan, or (without a contract) for any amount still uninvoiced.</summary>
    public async Task<InvoiceRow> CreateAsync(Actor actor, InvoiceInput input)
    {
        RequireEdit(actor, "create an invoice");
        var (row, published) = await Retry.UniqueAsync(() => contexts.InTransactionAsync(async db =>
        {
            var deal = await db.Deals.Include(d => d.Stage).SingleOrDefaultAsync(d => d.Id == input.DealId) ?? throw new DomainException("Error.NotFound");
            if (!deal.IsWonOrBeyond || deal.Stage.Key == StageKeys.Paid)
            {
                throw new DomainException("Error.InvoiceNeedsWonDeal");
            }

            var amount = await CheckedAmountAsync(db, deal, input);
            if (input.BillingContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.AccountId == deal.AccountId))
            {
                throw new DomainException("Error.NotFound");
            }

            var number = await DocumentNumbers.NextAsync(db, DocumentNumbers.Invoice, input.IssueDate.Year);
            var invoice = new Invoice(number, deal.Id, deal.AccountId, input.BillingContactId, amount, deal.Currency, input.IssueDate,
                input.PaymentTermsDays, Now, input.PaymentPlanLineId);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            var moved = BeforeInvoiced.Contains(deal.Stage.Key) ? await pipeline.MoveAsSystemAsync(db, deal.Id, StageKeys.Invoiced) : [];
            logger.LogInformation("Invoice {Number} for deal {DealId} created by {UserId}", number, deal.Id, actor.UserId);
            return (await InvoiceReader.RowAsync(db, invoice.Id), moved);
        }));
        await PublishAsync(actor, row, published, InvoiceChange.Issued);
        return row;
    }

    /// <summary>
    /// Records a payment once per submission key; partial payments are fine, overpayment and non-positive
    /// amounts are refused. The payment that collects the whole deal moves it to Paid, in the same transaction.
    /// </summary>
    public async Task<PaymentOutcome> RecordPaymentAsync(Actor actor, int invoiceId, PaymentInput input)
    {
        RequireEdit(actor, "record a payment");
        var (outcome, published) = await Retry.UniqueAsync(() => contexts.InTransactionAsync(async db =>
        {
            if (await db.Payments.AnyAsync(p => p.SubmissionKey == input.SubmissionKey))
            {
                return (new PaymentOutcome(false, true, await InvoiceReader.RowAsync(db, invoiceId), false), (IReadOnlyList<BoardEvent>)[]);
            }

            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId) ?? throw new DomainException("Error.NotFound");
            invoice.Pay(input.Amount, input.Date, input.Reference, input.SubmissionKey, actor.UserId, Now);
            await db.SaveChangesAsync();
            logger.LogInformation("Payment of {Amount} on invoice {Number} recorded by {UserId}", input.Amount, invoice.Number, actor.UserId);
            var moved = await SettleAsync(db, invoice.DealId);
            return (new PaymentOutcome(true, false, await InvoiceReader.RowAsync(db, invoiceId), moved.Count > 0), moved);
        }));
        if (outcome.Recorded)
        {
            await PublishAsync(actor, outcome.Invoice, published, InvoiceChange.PaymentRecorded);
        }

        return outcome;
    }

    /// <summary>Once the deal is fully collected, LtcHub takes it to Paid (through Invoiced if it was not there yet).</summary>
    private async Task<IReadOnlyList<BoardEvent>> SettleAsync(LtcHubDbContext db, int dealId)
    {
        var stage = await db.Deals.Where(d => d.Id == dealId).Select(d => d.Stage.Key).SingleAsync();
        if (stage is StageKeys.Paid or StageKeys.Lost || !(await BoardReader.FactsAsync(db, dealId)).FullyPaid)
        {
            return [];
        }

        var events = new List<BoardEvent>();
        if (BeforeInvoiced.Contains(stage))
        {
            events.AddRange(await pipeline.MoveAsSystemAsync(db, dealId, StageKeys.Invoiced));
        }

        events.AddRange(await pipeline.MoveAsSystemAsync(db, dealId, StageKeys.Paid));
        return events;
    }

    /// <summary>The amount to invoice: an instalment's (never twice), or without a contract never more than is left.</summary>
    private static async Task<decimal> CheckedAmountAsync(LtcHubDbContext db, Deal deal, InvoiceInput input)
    {
        var contract = await db.Contracts.Include(c => c.Plan).SingleOrDefaultAsync(c => c.DealId == deal.Id);
        if (contract is not null)
        {
            var line = contract.Plan.SingleOrDefault(l => l.Id == input.PaymentPlanLineId) ?? throw new DomainException("Error.InvoiceNeedsPlanLine");
            if (await db.Invoices.AnyAsync(i => i.PaymentPlanLineId == line.Id))
            {
                throw new DomainException("Error.PlanLineInvoiced", line.Number);
            }

            return line.Amount;
        }

        if (input.PaymentPlanLineId is not null)
        {
            throw new DomainException("Error.NotFound");
        }

        var invoiced = (await db.Invoices.Where(i => i.DealId == deal.Id).Select(i => i.Amount).ToListAsync()).Sum();
        return input.Amount <= (deal.Amount ?? 0m) - invoiced ? input.Amount : throw new DomainException("Error.InvoiceOverDeal", (deal.Amount ?? 0m) - invoiced);
    }

    /// <summary>After the commit: the invoice lists, the deal's card (its plan progress) and any move LtcHub made.</summary>
    private async Task PublishAsync(Actor actor, InvoiceRow row, IReadOnlyList<BoardEvent> published, InvoiceChange what)
    {
        foreach (var change in published)
        {
            await events.PublishAsync(change);
        }

        await events.PublishAsync(new InvoiceChanged(row.DealId, row.Id, actor.DisplayName, what));
        await events.PublishAsync(new ContractChanged(row.DealId, actor.DisplayName));
        if (!published.OfType<DealMoved>().Any())
        {
            await using var db = await contexts.CreateDbContextAsync();
            await events.PublishAsync(new CardRefreshed(await BoardReader.CardAsync(db, row.DealId)));
        }
    }

    private void RequireEdit(Actor actor, string what)
    {
        if (!BillingPolicy.CanEdit(actor))
        {
            logger.LogWarning("Refused to {What} for {UserId}: not Finance or Admin", what, actor.UserId);
            throw new ForbiddenException();
        }
    }
}
