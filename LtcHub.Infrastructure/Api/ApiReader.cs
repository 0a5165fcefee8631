using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Quotes;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Api;

/// <summary>Deal filters the API offers beside paging.</summary>
public sealed record DealQuery(string? Stage = null, string? OwnerId = null, int? AccountId = null);

/// <summary>
/// The API's lists: the same queries (and so the same visibility rules) as the pages behind them, paged in the
/// database in a stable order (by id) and narrowed to what changed since a moment for clients that keep a copy.
/// </summary>
public sealed class ApiReader(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time)
{
    /// <summary>Everyone signed in reads the whole board, so every deal. Paged on the deals, then their cards read in one query.</summary>
    public async Task<ApiPage<ApiDeal>> DealsAsync(DealQuery query, ApiPaging paging)
    {
        await using var db = await contexts.CreateDbContextAsync();
        IQueryable<Deal> Narrow(IQueryable<Deal> q)
        {
            q = query.Stage is { } stage ? q.Where(d => d.Stage.Key == stage) : q;
            q = query.OwnerId is { } owner ? q.Where(d => d.OwnerId == owner) : q;
            q = query.AccountId is { } account ? q.Where(d => d.AccountId == account) : q;
            return paging.UpdatedSince is { } since ? q.Where(d => d.UpdatedAtUtc >= since) : q;
        }

        var total = await Narrow(db.Deals).CountAsync();
        var cards = await BoardReader.Cards(db, q => Narrow(q).OrderBy(d => d.Id).Skip(paging.Skip).Take(paging.PageSize)).ToListAsync();
        return new ApiPage<ApiDeal>([.. cards.OrderBy(c => c.Id).Select(ApiDeal.From)], paging.Page, paging.PageSize, total);
    }

    /// <summary>The deals (leads are deals) written since a moment, for lists that are read through their page's own service.</summary>
    public async Task<HashSet<int>> DealsChangedSinceAsync(DateTime since)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return [.. await db.Deals.Where(d => d.UpdatedAtUtc >= since).Select(d => d.Id).ToListAsync()];
    }

    public async Task<ApiPage<ApiAccount>> AccountsAsync(Actor actor, AccountFilter filter, ApiPaging paging)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var accounts = AccountReader.Filtered(db, actor, filter, paging.UpdatedSince);
        var total = await accounts.CountAsync();
        var rows = await AccountReader.Project(db, accounts.OrderBy(a => a.Id).Skip(paging.Skip).Take(paging.PageSize)).ToListAsync();
        return new ApiPage<ApiAccount>([.. rows.OrderBy(r => r.Id).Select(ApiAccount.From)], paging.Page, paging.PageSize, total);
    }

    /// <summary>The contacts of the companies the customers page's filter shows (or of one company).</summary>
    public async Task<ApiPage<ApiContact>> ContactsAsync(Actor actor, AccountFilter filter, int? accountId, ApiPaging paging)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await PageAsync(Contacts(db, actor, filter, accountId, paging.UpdatedSince), paging, c => c);
    }

    /// <summary>The contacts query, by id (public so tests can read its SQL on both providers).</summary>
    public static IQueryable<ApiContact> Contacts(LtcHubDbContext db, Actor actor, AccountFilter filter, int? accountId, DateTime? updatedSince)
    {
        var contacts = ContactsOf(AccountReader.Filtered(db, actor, filter));
        contacts = accountId is { } id ? contacts.Where(c => c.AccountId == id) : contacts;
        contacts = updatedSince is { } since ? contacts.Where(c => c.UpdatedAtUtc >= since) : contacts;
        return contacts.OrderBy(c => c.Id).Select(c => c.Contact);
    }

    public async Task<ApiContact?> ContactAsync(Actor actor, int contactId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await ContactsOf(AccountAccess.Visible(db, actor).AsNoTracking()).Where(c => c.Id == contactId).Select(c => c.Contact).SingleOrDefaultAsync();
    }

    public async Task<ApiPage<ApiInvoice>> InvoicesAsync(Actor actor, InvoiceFilter filter, ApiPaging paging)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await PageAsync(Invoices(db, actor, filter, paging.UpdatedSince, CompanyTime.Today(time)), paging, ApiInvoice.From);
    }

    /// <summary>The invoices query, by id (public so tests can read its SQL on both providers).</summary>
    public static IQueryable<InvoiceRow> Invoices(LtcHubDbContext db, Actor actor, InvoiceFilter filter, DateTime? updatedSince, DateOnly today)
    {
        var data = InvoiceReader.Filtered(db, actor, filter, today);
        data = updatedSince is { } since ? data.Where(r => r.UpdatedAtUtc >= since) : data;
        return InvoiceReader.Rows(data.OrderBy(r => r.Id));
    }

    /// <summary>
    /// Payments on the invoices the person may read that the invoices page's filter shows (or on one invoice);
    /// <c>updatedSince</c> is when they were recorded (a payment never changes).
    /// </summary>
    public async Task<ApiPage<ApiPayment>> PaymentsAsync(Actor actor, InvoiceFilter filter, int? invoiceId, ApiPaging paging)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await PageAsync(Payments(db, actor, filter, invoiceId, paging.UpdatedSince, CompanyTime.Today(time)), paging, p => p);
    }

    /// <summary>The payments query, by id (public so tests can read its SQL on both providers).</summary>
    public static IQueryable<ApiPayment> Payments(LtcHubDbContext db, Actor actor, InvoiceFilter filter, int? invoiceId, DateTime? updatedSince, DateOnly today)
    {
        var payments = from p in db.Payments.AsNoTracking()
                       join i in InvoiceReader.Filtered(db, actor, filter, today) on p.InvoiceId equals i.Id
                       select new { p, i.Number, i.Currency, i.AccountName };
        payments = invoiceId is { } id ? payments.Where(x => x.p.InvoiceId == id) : payments;
        payments = updatedSince is { } since ? payments.Where(x => x.p.RecordedAtUtc >= since) : payments;
        return payments.OrderBy(x => x.p.Id).Select(x => new ApiPayment(x.p.Id, x.p.InvoiceId, x.Number, x.AccountName, x.p.Amount, x.Currency, x.p.Date,
            x.p.Reference, x.p.RecordedAtUtc));
    }

    /// <summary>Quotes of the deals whose documents the person may read (<see cref="Domain.Quotes.DocumentPolicy.CanRead"/>).</summary>
    public async Task<ApiPage<ApiQuote>> QuotesAsync(Actor actor, int? dealId, ApiPaging paging)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await PageAsync(Quotes(db, actor, dealId, paging.UpdatedSince), paging, q => q);
    }

    /// <summary>The quotes query, by id (public so tests can read its SQL on both providers).</summary>
    public static IQueryable<ApiQuote> Quotes(LtcHubDbContext db, Actor actor, int? dealId, DateTime? updatedSince)
    {
        var quotes = from q in db.Quotes.AsNoTracking()
                     join d in db.Deals.Where(DocumentAccess.Readable(actor)) on q.DealId equals d.Id
                     select new { q, DealName = d.Name };
        quotes = dealId is { } id ? quotes.Where(x => x.q.DealId == id) : quotes;
        quotes = updatedSince is { } since ? quotes.Where(x => x.q.UpdatedAtUtc >= since) : quotes;
        return quotes.OrderBy(x => x.q.Id).Select(x => new ApiQuote(x.q.Id, x.q.DealId, x.DealName, x.q.Number, x.q.Revision, x.q.Status, x.q.Currency,
            x.q.Culture, x.q.ContactId, x.q.ValidUntil, x.q.Notes, x.q.Net, x.q.Tax, x.q.Gross, x.q.UpdatedAtUtc, x.q.Version));
    }

    private static IQueryable<ContactData> ContactsOf(IQueryable<Domain.Accounts.Account> accounts) =>
        from a in accounts
        from c in a.Contacts
        select new ContactData
        {
            Id = c.Id, AccountId = a.Id, UpdatedAtUtc = EF.Property<DateTime>(c, UpdatedStamps.Property),
            Contact = new ApiContact(c.Id, a.Id, a.Name, c.Name, c.Title, c.Email, c.Phone, a.Version),
        };

    private static async Task<ApiPage<TOut>> PageAsync<TIn, TOut>(IQueryable<TIn> query, ApiPaging paging, Func<TIn, TOut> map)
    {
        var total = await query.CountAsync();
        var items = await query.Skip(paging.Skip).Take(paging.PageSize).ToListAsync();
        return new ApiPage<TOut>([.. items.Select(map)], paging.Page, paging.PageSize, total);
    }

    private sealed class ContactData
    {
        public int Id { get; init; }

        public int AccountId { get; init; }

        public DateTime UpdatedAtUtc { get; init; }

        public ApiContact Contact { get; init; } = null!;
    }
}
