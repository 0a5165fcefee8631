using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// What the board reads: its columns, its cards (everything a card shows, in one query), a deal's
/// details and timeline, and the facts its entry rules need. Everyone signed in reads the whole board;
/// a deal's documents follow <see cref="Domain.Quotes.DocumentPolicy"/>.
/// </summary>
public sealed class BoardReader(IDbContextFactory<LtcHubDbContext> contexts)
{
    public async Task<IReadOnlyList<BoardStage>> StagesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StagesOf(db).ToListAsync(cancellationToken);
    }

    /// <summary>The board's columns, in order (ties broken by id, so two stages given one order still sort the same way everywhere).</summary>
    public static IQueryable<BoardStage> StagesOf(LtcHubDbContext db) =>
        db.Stages.AsNoTracking().OrderBy(s => s.Order).ThenBy(s => s.Id)
            .Select(s => new BoardStage(s.Id, s.Key, s.NameZh, s.NameEn, s.Order, s.OwningTeam, s.Probability, s.WipLimit,
                s.DaysUntilStale, s.EntryRules, s.Version, s.MinimumGrade));

    /// <summary>Every card of the board, unordered (the board orders each column). Everyone signed in may read the whole board.</summary>
    public async Task<IReadOnlyList<DealCard>> CardsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Cards(db).ToListAsync(cancellationToken);
    }

    /// <summary>The query behind the cards (public so tests can check its SQL on both providers).</summary>
    public static IQueryable<DealCard> Cards(LtcHubDbContext db, Func<IQueryable<Deal>, IQueryable<Deal>>? filter = null) =>
        from d in (filter ?? (q => q))(db.Deals.AsNoTracking())
        join a in db.Accounts on d.AccountId equals a.Id
        join u in db.Users on d.OwnerId equals u.Id
        join c in db.Contracts on d.Id equals c.DealId into contracts
        from c in contracts.DefaultIfEmpty()
        select new DealCard(d.Id, d.Name, a.Id, a.Name, a.EnglishName, d.Amount, d.Currency, d.OwnerId, u.DisplayName, d.TeamId,
            d.Stage.Key, d.EnteredStageAtUtc, d.NextStep, d.NextStepDueDate, d.ExpectedCloseDate, d.ProbabilityOverride, d.Version, d.HandoffPushbackReason,
            (from n in db.DunningNotices
             join i in db.Invoices on n.InvoiceId equals i.Id
             where i.DealId == d.Id && n.CancelledAtUtc == null && i.PaidAmount < i.Amount
             select (int?)n.Level).Max(),
            c == null ? 0 : db.PaymentPlanLines.Count(l => l.ContractId == c.Id),
            c == null ? 0 : db.PaymentPlanLines.Count(l => l.ContractId == c.Id && db.Invoices.Any(i => i.PaymentPlanLineId == l.Id && i.PaidAmount >= l.Amount)),
            c == null ? 0m : (from l in db.PaymentPlanLines
                              join i in db.Invoices on l.Id equals i.PaymentPlanLineId
                              where l.ContractId == c.Id
                              select (decimal?)i.PaidAmount).Sum() ?? 0m,
            c == null ? 0m : c.Amount, d.Grade, d.QualificationScore, d.LastFollowUpAtUtc);

    /// <summary>One card as it is now (after a document changed the deal, say).</summary>
    public async Task<DealCard?> CardAsync(int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await Cards(db, q => q.Where(d => d.Id == dealId)).SingleOrDefaultAsync();
    }

    public async Task<DealDetails?> DetailsAsync(Actor actor, int dealId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deal = await db.Deals.AsNoTracking().Include(d => d.Stage).SingleOrDefaultAsync(d => d.Id == dealId, cancellationToken);
        if (deal is null)
        {
            return null;
        }

        var card = await CardAsync(db, dealId);
        var timeline = await db.HistoryOf(Deal.EntityType, dealId)
            .Take(200)
            .Select(a => new TimelineEntry(a.AtUtc, a.ActorName, a.Field, a.OldValue, a.NewValue))
            .ToListAsync(cancellationToken);
        return new DealDetails(card, PipelinePolicy.CanEdit(actor, deal), deal.QualificationScore, deal.LossReason, timeline)
        {
            CanReadDocuments = Domain.Quotes.DocumentPolicy.CanRead(actor, deal),
            CanSellDocuments = Domain.Quotes.DocumentPolicy.CanSell(actor, deal),
            Forecast = deal.Forecast,
            CanReadCustomer = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == deal.AccountId, cancellationToken) is { } account
                && Domain.Accounts.AccountPolicy.CanSee(actor, account, deal.OwnerId == actor.UserId),
        };
    }

    /// <summary>One deal's card as it is committed now.</summary>
    public static Task<DealCard> CardAsync(LtcHubDbContext db, int dealId) =>
        Cards(db, q => q.Where(d => d.Id == dealId)).SingleAsync();

    /// <summary>
    /// What the entry rules need to know beyond the deal: its quotes, contract, invoices and payments.
    /// Fully paid means every invoice paid and, when there is a contract, every instalment of its plan collected.
    /// </summary>
    public static async Task<DealFacts> FactsAsync(LtcHubDbContext db, int dealId, CancellationToken cancellationToken = default)
    {
        var hasInvoice = await db.Invoices.AnyAsync(i => i.DealId == dealId, cancellationToken);
        var anyOpen = await db.Invoices.AnyAsync(i => i.DealId == dealId && i.PaidAmount < i.Amount, cancellationToken);
        var contract = await db.Contracts.Where(c => c.DealId == dealId).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var planOpen = contract is { } id && await db.PaymentPlanLines.AnyAsync(
            l => l.ContractId == id && !db.Invoices.Any(i => i.PaymentPlanLineId == l.Id && i.PaidAmount >= l.Amount), cancellationToken);
        return new(await db.Quotes.AnyAsync(q => q.DealId == dealId, cancellationToken), hasInvoice, hasInvoice && !anyOpen && !planOpen,
            contract is not null);
    }
}
