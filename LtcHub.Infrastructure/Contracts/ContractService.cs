using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Contracts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Documents;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Contracts;

/// <summary>
/// A won deal's contract and its payment plan. Sales create the contract with the plan agreed in it;
/// Finance changes the plan afterwards (never an instalment already invoiced). The contract's amount
/// becomes the deal's amount. Every change is audited and announced after it commits.
/// </summary>
public sealed class ContractService(
    IDbContextFactory<LtcHubDbContext> contexts,
    ContractReader reader,
    AttachmentStore attachments,
    IBoardEvents events,
    TimeProvider time,
    ILogger<ContractService> logger)
{
    /// <summary>Without a plan of its own, a contract is due in full this many days after signing (Finance can change it).</summary>
    public const int DefaultPaymentDays = 30;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<ContractView> CreateAsync(Actor actor, int dealId, ContractDraft draft)
    {
        await Retry.UniqueAsync(() => contexts.InTransactionAsync(async db =>
        {
            var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException();
            if (!DocumentPolicy.CanRead(actor, deal))
            {
                throw new NotFoundException();
            }

            if (!DocumentPolicy.CanSell(actor, deal))
            {
                logger.LogWarning("Refused contract creation for deal {DealId} by {UserId}", dealId, actor.UserId);
                throw new ForbiddenException();
            }

            if (await db.Contracts.AnyAsync(c => c.DealId == dealId))
            {
                throw new DomainException("Error.ContractExists");
            }

            if (draft.QuoteId is { } quoteId && !await db.Quotes.AnyAsync(q => q.Id == quoteId && q.DealId == dealId))
            {
                throw new DomainException("Error.QuoteNotOfDeal");
            }

            var number = await DocumentNumbers.NextAsync(db, DocumentNumbers.Contract, draft.SignedDate.Year);
            var contract = new Contract(dealId, number, draft.SignedDate, draft.Amount, deal.Currency, draft.StartDate, draft.EndDate, draft.QuoteId,
                actor.UserId, Now);
            contract.SetPlan(draft.Plan.Count > 0 ? draft.Plan : [new PlanLineInput(draft.SignedDate.AddDays(DefaultPaymentDays), null, 100m)],
                new HashSet<int>());
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            db.AuditEntries.Add(Audit(actor, contract, "Created", null, Describe(contract)));
            db.AuditEntries.AddRange(deal.TakeAmount(contract.Amount, contract.Currency, actor, Now));
            await db.SaveChangesAsync();
            return contract.Id;
        }));
        return await PublishAsync(actor, dealId, dealChanged: true);
    }

    /// <summary>Finance changes the plan; what is already invoiced stays, the rest must still add up to the contract amount.</summary>
    public async Task<ContractView> SetPlanAsync(Actor actor, int contractId, long expectedVersion, IReadOnlyList<PlanLineInput> plan)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var contract = await LoadAsync(db, actor, contractId);
        if (!DocumentPolicy.CanBill(actor))
        {
            logger.LogWarning("Refused plan change of contract {ContractId} by {UserId}", contractId, actor.UserId);
            throw new ForbiddenException();
        }

        if (contract.Version != expectedVersion)
        {
            throw await ConflictAsync(db, contract);
        }

        var lineIds = contract.Plan.Select(l => l.Id).ToList();
        var invoiced = (await db.Invoices.Where(i => i.PaymentPlanLineId != null && lineIds.Contains(i.PaymentPlanLineId.Value))
            .Select(i => i.PaymentPlanLineId!.Value).ToListAsync()).ToHashSet();
        var before = DescribePlan(contract);
        contract.SetPlan(plan, invoiced);
        db.AuditEntries.Add(Audit(actor, contract, "Plan", before, DescribePlan(contract)));
        await SaveAsync(db, contract);
        return await PublishAsync(actor, contract.DealId);
    }

    /// <summary>Stores the signed scan (PDF or image) and links it to the contract.</summary>
    public async Task<ContractView> AttachAsync(Actor actor, int contractId, string fileName, Stream content, long size)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var contract = await LoadAsync(db, actor, contractId);
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == contract.DealId);
        if (!DocumentPolicy.CanSell(actor, deal) && !DocumentPolicy.CanBill(actor))
        {
            throw new ForbiddenException();
        }

        var name = Text.Required(Path.GetFileName(fileName), 200, "Field.Attachment");
        var (key, type, stored) = await attachments.SaveAsync(content, size);
        contract.Attach(new ContractAttachment(name, type, stored, key, Now));
        db.AuditEntries.Add(Audit(actor, contract, "Attachment", null, $"{name} ({stored} bytes)"));
        await SaveAsync(db, contract);
        return await PublishAsync(actor, contract.DealId);
    }

    /// <summary>The signed scan, for those who may read the deal; anyone else finds nothing.</summary>
    public async Task<(Stream Content, string FileName, string ContentType)> OpenAttachmentAsync(Actor actor, int contractId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var contract = await LoadAsync(db, actor, contractId);
        if (contract.Attachment is not { } attachment || !attachments.Exists(attachment.StorageKey))
        {
            throw new NotFoundException();
        }

        return (attachments.Open(attachment.StorageKey), attachment.FileName, attachment.ContentType);
    }

    private async Task<Contract> LoadAsync(LtcHubDbContext db, Actor actor, int contractId)
    {
        var contract = await db.Contracts.Include(c => c.Plan).SingleOrDefaultAsync(c => c.Id == contractId) ?? throw new NotFoundException();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == contract.DealId);
        return DocumentPolicy.CanRead(actor, deal) ? contract : throw new NotFoundException();
    }

    private async Task SaveAsync(LtcHubDbContext db, Contract contract)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync();
            throw await ConflictAsync(fresh, contract);
        }
    }

    /// <param name="dealChanged">The deal itself changed (its amount), not only what its card shows of the plan.</param>
    private async Task<ContractView> PublishAsync(Actor actor, int dealId, bool dealChanged = false)
    {
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var card = await BoardReader.CardAsync(db, dealId);
            await events.PublishAsync(dealChanged ? new DealEdited(card, actor.UserId, actor.DisplayName) : new CardRefreshed(card));
        }

        await events.PublishAsync(new ContractChanged(dealId, actor.DisplayName));
        return (await reader.ForDealAsync(actor, dealId))!;
    }

    private static async Task<DomainException> ConflictAsync(LtcHubDbContext db, Contract contract)
    {
        var last = await db.HistoryOf(Contract.EntityType, contract.Id).Select(a => a.ActorName).FirstOrDefaultAsync();
        return new ConflictException("Error.ContractConflict", last, last ?? "?", contract.Number);
    }

    private AuditEntry Audit(Actor actor, Contract contract, string field, string? oldValue, string? newValue) =>
        new(Now, actor.UserId, actor.DisplayName, Contract.EntityType, contract.Id.ToString(CultureInfo.InvariantCulture), field,
            oldValue is null ? null : Text.Truncate(oldValue, 1000), newValue is null ? null : Text.Truncate(newValue, 1000));

    private static string Describe(Contract c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Number}: {c.Amount:0.00} {c.Currency}, signed {c.SignedDate:yyyy-MM-dd}; plan {DescribePlan(c)}");

    private static string DescribePlan(Contract c) =>
        string.Join("; ", c.Plan.OrderBy(l => l.Number).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Number}. {l.DueDate:yyyy-MM-dd} {l.Amount:0.00}")));
}
