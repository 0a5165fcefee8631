using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Quotes;

/// <summary>Reads quotes for those who may read the deal's money (<see cref="DocumentPolicy.CanRead"/>); anyone else finds nothing.</summary>
public sealed class QuoteReader(IDbContextFactory<LtcHubDbContext> contexts, CompanySettingsService settings)
{
    /// <summary>Every quote of a deal, every revision, newest first.</summary>
    public async Task<IReadOnlyList<QuoteView>> ForDealAsync(Actor actor, int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var deal = await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException();
        if (!DocumentPolicy.CanRead(actor, deal))
        {
            throw new NotFoundException();
        }

        var quotes = await db.Quotes.AsNoTracking().Include(q => q.Lines).Where(q => q.DealId == dealId)
            .OrderByDescending(q => q.Number).ThenByDescending(q => q.Revision).ToListAsync();
        var views = new List<QuoteView>();
        foreach (var quote in quotes)
        {
            views.Add(await ViewAsync(db, quote, actor, deal));
        }

        return views;
    }

    public async Task<QuoteView> GetAsync(Actor actor, int quoteId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var quote = await db.Quotes.AsNoTracking().Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == quoteId) ?? throw new NotFoundException();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == quote.DealId);
        if (!DocumentPolicy.CanRead(actor, deal))
        {
            throw new NotFoundException();
        }

        return await ViewAsync(db, quote, actor, deal);
    }

    /// <summary>Quotes waiting for this manager's (or admin's) approval.</summary>
    public async Task<IReadOnlyList<QuoteView>> AwaitingApprovalAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var managed = actor.ManagedTeamIds.ToList();
        var pending = await (from q in db.Quotes.AsNoTracking().Include(q => q.Lines)
                             join d in db.Deals on q.DealId equals d.Id
                             where q.Status == QuoteStatus.PendingApproval && (actor.IsAdmin || (d.TeamId != null && managed.Contains(d.TeamId.Value)))
                             orderby q.ApprovalRequestedAtUtc
                             select q).ToListAsync();
        var views = new List<QuoteView>();
        foreach (var quote in pending)
        {
            views.Add(await ViewAsync(db, quote, actor));
        }

        return views;
    }

    internal async Task<QuoteView> ViewAsync(LtcHubDbContext db, Quote quote, Actor actor, Deal? deal = null)
    {
        deal ??= await db.Deals.AsNoTracking().SingleAsync(d => d.Id == quote.DealId);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == deal.AccountId).Select(a => new { a.Name, a.EnglishName }).SingleAsync();
        var contact = quote.ContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.Name, c.Email }).SingleOrDefaultAsync()
            : null;
        var people = new[] { quote.CreatedById, quote.ApprovedById ?? "" };
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var limit = (await settings.GetAsync()).DiscountApprovalLimit;
        return new QuoteView(quote.Id, deal.Id, deal.Name, account.Name, account.EnglishName, quote.Number, quote.Revision, quote.Status, quote.Currency,
            quote.Culture, quote.ContactId, contact?.Name, contact?.Email, quote.ValidUntil, quote.Notes, quote.Net, quote.Tax, quote.Gross, quote.MaxDiscount,
            quote.Lines.OrderBy(l => l.Position)
                .Select(l => new QuoteLineView(l.Position, l.ProductId, l.Description, l.Unit, l.Quantity, l.UnitPrice, l.DiscountPercent, l.TaxRate, l.Net, l.Tax))
                .ToList(),
            names.GetValueOrDefault(quote.CreatedById) ?? quote.CreatedById, quote.CreatedAtUtc, quote.ApprovalRequestedAtUtc,
            quote.ApprovedById is { } approver ? names.GetValueOrDefault(approver) : null, quote.ApprovalComment, quote.SentAtUtc, quote.ClosedAtUtc,
            quote.Version)
        {
            CanSell = DocumentPolicy.CanSell(actor, deal),
            CanApprove = DocumentPolicy.CanApprove(actor, deal),
            NeedsApproval = quote.NeedsApproval(limit),
            DiscountLimit = limit,
        };
    }
}
