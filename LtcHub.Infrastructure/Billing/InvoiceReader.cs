using System.Linq.Expressions;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Billing;

/// <summary>The invoice lists and the invoice drawer: Finance, Admin and Ops read every invoice; Sales those of deals they own or manage.</summary>
public sealed class InvoiceReader(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time)
{
    private static readonly string[] Invoiceable = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery, StageKeys.Invoiced];

    /// <summary>"Today" for due dates: the company's calendar day.</summary>
    public DateOnly Today => CompanyTime.Today(time);

    public async Task<IReadOnlyList<InvoiceRow>> ListAsync(Actor actor, InvoiceFilter filter)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await Rows(Filtered(db, actor, filter, Today).OrderBy(r => r.DueDate).ThenBy(r => r.Id).Take(500)).ToListAsync();
    }

    /// <summary>The invoices <paramref name="actor"/> may read, narrowed by the list's filter (the page and the API share it).</summary>
    internal static IQueryable<InvoiceData> Filtered(LtcHubDbContext db, Actor actor, InvoiceFilter filter, DateOnly today)
    {
        var query = Data(db).Where(Readable(actor));
        query = filter.Status switch
        {
            InvoiceStatusFilter.Unpaid => query.Where(r => r.PaidAmount < r.Amount),
            InvoiceStatusFilter.Overdue => query.Where(r => r.PaidAmount < r.Amount && r.DueDate < today),
            InvoiceStatusFilter.Paid => query.Where(r => r.PaidAmount >= r.Amount),
            _ => query,
        };
        if (filter.AccountId is { } account)
        {
            query = query.Where(r => r.AccountId == account);
        }

        if (filter.DealId is { } deal)
        {
            query = query.Where(r => r.DealId == deal);
        }

        if (filter.OwnerId is { } owner)
        {
            query = query.Where(r => r.OwnerId == owner);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(r => r.Number.Contains(text) || r.DealName.Contains(text) || r.AccountName.Contains(text)
                || (r.AccountEnglishName != null && r.AccountEnglishName.Contains(text)));
        }

        return query;
    }

    public async Task<InvoiceDetails?> DetailsAsync(Actor actor, int invoiceId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = await Rows(Data(db).Where(Readable(actor)).Where(r => r.Id == invoiceId)).SingleOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        var contact = await (from i in db.Invoices
                             join c in db.Contacts on i.BillingContactId equals c.Id
                             where i.Id == invoiceId
                             select new { c.Name, c.Email }).SingleOrDefaultAsync();
        var payments = await (from p in db.Payments
                              join u in db.Users on p.RecordedById equals u.Id into us
                              from u in us.DefaultIfEmpty()
                              where p.InvoiceId == invoiceId
                              orderby p.Id
                              select new PaymentLine(p.Id, p.Amount, p.Date, p.Reference, u == null ? p.RecordedById : u.DisplayName, p.RecordedAtUtc))
            .ToListAsync();
        var notices = await db.DunningNotices.Where(n => n.InvoiceId == invoiceId).OrderBy(n => n.Level)
            .Select(n => new NoticeLine(n.Level, n.Channel, n.DaysOverdue, n.Balance, n.ClaimedAtUtc, n.SentAtUtc, n.CancelledAtUtc, n.Attempts, n.LastError))
            .ToListAsync();
        return new InvoiceDetails(row, contact?.Name, contact?.Email, payments, notices, BillingPolicy.CanEdit(actor));
    }

    /// <summary>Deals that can be invoiced (won or beyond, not fully invoiced) with what is left, and their uninvoiced instalments.</summary>
    public async Task<IReadOnlyList<Invoiceable>> InvoiceableAsync(Actor actor, int? dealId = null)
    {
        if (!BillingPolicy.CanEdit(actor))
        {
            throw new Domain.Common.ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var cards = await BoardReader.Cards(db, q => q.Where(d => Invoiceable.Contains(d.Stage.Key) && (dealId == null || d.Id == dealId))).ToListAsync();
        var ids = cards.Select(c => c.Id).ToList();

        // Summed here, in decimal: money is never added up as floating point.
        var invoiced = (await db.Invoices.Where(i => ids.Contains(i.DealId)).Select(i => new { i.DealId, i.Amount }).ToListAsync())
            .GroupBy(i => i.DealId).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount));
        var lines = (await (from l in db.PaymentPlanLines
                            join c in db.Contracts on l.ContractId equals c.Id
                            where ids.Contains(c.DealId) && !db.Invoices.Any(i => i.PaymentPlanLineId == l.Id)
                            orderby l.Number
                            select new { c.DealId, Line = new UninvoicedLine(l.Id, l.Number, l.DueDate, l.Amount) }).ToListAsync())
            .GroupBy(x => x.DealId).ToDictionary(g => g.Key, g => (IReadOnlyList<UninvoicedLine>)g.Select(x => x.Line).ToList());
        var contracts = (await db.Contracts.Where(c => ids.Contains(c.DealId)).Select(c => c.DealId).ToListAsync()).ToHashSet();
        return cards
            .Select(c => new Invoiceable(c, (contracts.Contains(c.Id) ? c.ContractAmount : c.Amount ?? 0m) - invoiced.GetValueOrDefault(c.Id),
                lines.GetValueOrDefault(c.Id) ?? []))
            .Where(x => x.Uninvoiced > 0 && (!contracts.Contains(x.Deal.Id) || x.Lines.Count > 0))
            .OrderBy(x => x.Deal.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<(int Id, string Name, string? Email)>> ContactsAsync(int accountId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Contacts.Where(c => c.AccountId == accountId).OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Email }).ToListAsync())
            .Select(c => (c.Id, c.Name, c.Email)).ToList();
    }

    /// <summary>One invoice's row, as the list shows it (for the service's answers).</summary>
    internal static Task<InvoiceRow> RowAsync(LtcHubDbContext db, int invoiceId) => Rows(Data(db).Where(r => r.Id == invoiceId)).SingleAsync();

    /// <summary>Which invoices an actor may read: all for Finance, Admin and Ops; Sales those of deals they own or manage.</summary>
    private static Expression<Func<InvoiceData, bool>> Readable(Actor actor)
    {
        if (BillingPolicy.ReadsAll(actor))
        {
            return _ => true;
        }

        var managed = actor.ManagedTeamIds.ToList();
        return r => r.OwnerId == actor.UserId || (r.TeamId != null && managed.Contains(r.TeamId.Value));
    }

    internal static IQueryable<InvoiceRow> Rows(IQueryable<InvoiceData> data) =>
        data.Select(r => new InvoiceRow(r.Id, r.Number, r.DealId, r.DealName, r.AccountId, r.AccountName, r.AccountEnglishName, r.OwnerId,
            r.OwnerName, r.Amount, r.PaidAmount, r.Currency, r.IssueDate, r.DueDate, r.DunningLevel, r.AccountPausedUntil, r.Version)
        {
            AccountPolicyId = r.AccountPolicyId,
            PlanLineNumber = r.PlanLineNumber,
        });

    /// <summary>The invoice list's columns as a plain shape EF can still filter (a record's constructor it cannot).</summary>
    private static IQueryable<InvoiceData> Data(LtcHubDbContext db) =>
        from i in db.Invoices.AsNoTracking()
        join d in db.Deals on i.DealId equals d.Id
        join a in db.Accounts on i.AccountId equals a.Id
        join u in db.Users on d.OwnerId equals u.Id
        join l in db.PaymentPlanLines on i.PaymentPlanLineId equals l.Id into lines
        from l in lines.DefaultIfEmpty()
        select new InvoiceData
        {
            Id = i.Id, Number = i.Number, DealId = d.Id, DealName = d.Name, TeamId = d.TeamId, AccountId = a.Id, AccountName = a.Name,
            AccountEnglishName = a.EnglishName, OwnerId = d.OwnerId, OwnerName = u.DisplayName, Amount = i.Amount, PaidAmount = i.PaidAmount,
            Currency = i.Currency, IssueDate = i.IssueDate, DueDate = i.DueDate,
            DunningLevel = db.DunningNotices.Where(n => n.InvoiceId == i.Id && n.CancelledAtUtc == null).Max(n => (int?)n.Level),
            AccountPausedUntil = a.DunningPausedUntil, AccountPolicyId = a.DunningPolicyId, Version = i.Version,
            PlanLineNumber = l == null ? null : l.Number, UpdatedAtUtc = EF.Property<DateTime>(i, UpdatedStamps.Property),
        };

    internal sealed class InvoiceData
    {
        public int Id { get; init; }

        public string Number { get; init; } = "";

        public int DealId { get; init; }

        public string DealName { get; init; } = "";

        public int? TeamId { get; init; }

        public int AccountId { get; init; }

        public string AccountName { get; init; } = "";

        public string? AccountEnglishName { get; init; }

        public string OwnerId { get; init; } = "";

        public string OwnerName { get; init; } = "";

        public decimal Amount { get; init; }

        public decimal PaidAmount { get; init; }

        public string Currency { get; init; } = "";

        public DateOnly IssueDate { get; init; }

        public DateOnly DueDate { get; init; }

        public int? DunningLevel { get; init; }

        public DateOnly? AccountPausedUntil { get; init; }

        public int? AccountPolicyId { get; init; }

        public long Version { get; init; }

        public int? PlanLineNumber { get; init; }

        public DateTime UpdatedAtUtc { get; init; }
    }
}
