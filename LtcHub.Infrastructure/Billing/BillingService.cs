using System.Globalization;
using System.Linq.Expressions;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Billing;

/// <summary>
/// Invoices and payments. Creating a deal's first invoice takes it to Invoiced; the payment that
/// settles its last invoice takes it to Paid — both through <see cref="PipelineService"/>, so the
/// move is audited and every open board sees it.
/// </summary>
public sealed class BillingService(
    IDbContextFactory<LtcHubDbContext> contexts,
    PipelineService pipeline,
    TimeProvider time,
    ILogger<BillingService> logger)
{
    private static readonly string[] BeforeInvoiced = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>"Today" for due dates: the company's calendar day.</summary>
    public DateOnly Today => CompanyTime.Today(time);

    public async Task<IReadOnlyList<InvoiceRow>> ListAsync(Actor actor, InvoiceFilter filter)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var today = Today;
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

        return await Rows(query.OrderBy(r => r.DueDate).ThenBy(r => r.Id).Take(500)).ToListAsync();
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

    /// <summary>Deals that can be invoiced (won or beyond, not fully invoiced) with what is left to invoice.</summary>
    public async Task<IReadOnlyList<(DealCard Deal, decimal Uninvoiced)>> InvoiceableAsync(Actor actor)
    {
        RequireEdit(actor, "list invoiceable deals");
        await using var db = await contexts.CreateDbContextAsync();
        string[] keys = [.. BeforeInvoiced, StageKeys.Invoiced];
        var cards = await PipelineService.Cards(db, q => q.Where(d => keys.Contains(d.Stage.Key))).ToListAsync();
        var ids = cards.Select(c => c.Id).ToList();
        // Summed here, in decimal: money is never added up as floating point.
        var invoiced = (await db.Invoices.Where(i => ids.Contains(i.DealId)).Select(i => new { i.DealId, i.Amount }).ToListAsync())
            .GroupBy(i => i.DealId).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount));
        return cards.Select(c => (c, (c.Amount ?? 0m) - invoiced.GetValueOrDefault(c.Id)))
            .Where(x => x.Item2 > 0).OrderBy(x => x.c.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<(int Id, string Name, string? Email)>> ContactsAsync(int accountId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Contacts.Where(c => c.AccountId == accountId).OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Email }).ToListAsync())
            .Select(c => (c.Id, c.Name, c.Email)).ToList();
    }

    /// <summary>Creates an invoice (full or partial). Its number comes from a yearly sequence.</summary>
    public async Task<InvoiceRow> CreateAsync(Actor actor, InvoiceInput input)
    {
        RequireEdit(actor, "create an invoice");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var deal = await db.Deals.Include(d => d.Stage).SingleOrDefaultAsync(d => d.Id == input.DealId) ?? throw new DomainException("Error.NotFound");
            if (!deal.IsWonOrBeyond || deal.Stage.Key == StageKeys.Paid)
            {
                throw new DomainException("Error.InvoiceNeedsWonDeal");
            }

            var invoiced = (await db.Invoices.Where(i => i.DealId == deal.Id).Select(i => i.Amount).ToListAsync()).Sum();
            if (input.Amount > (deal.Amount ?? 0m) - invoiced)
            {
                throw new DomainException("Error.InvoiceOverDeal", (deal.Amount ?? 0m) - invoiced);
            }

            if (input.BillingContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.AccountId == deal.AccountId))
            {
                throw new DomainException("Error.NotFound");
            }

            var number = await NextNumberAsync(db, input.IssueDate.Year);
            var invoice = new Invoice(number, deal.Id, deal.AccountId, input.BillingContactId, input.Amount, deal.Currency, input.IssueDate,
                input.PaymentTermsDays, Now);
            db.Invoices.Add(invoice);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Someone took the same number at the same moment: take the next one.
                continue;
            }

            logger.LogInformation("Invoice {Number} for deal {DealId} created by {UserId}", number, deal.Id, actor.UserId);
            if (BeforeInvoiced.Contains(deal.Stage.Key))
            {
                await MoveBySystemAsync(deal.Id, StageKeys.Invoiced);
            }

            return await Rows(Data(db).Where(r => r.Id == invoice.Id)).SingleAsync();
        }
    }

    /// <summary>
    /// Records a payment once per submission key; partial payments are fine, overpayment and
    /// non-positive amounts are refused. Settling the deal's last invoice moves the deal to Paid.
    /// </summary>
    public async Task<PaymentOutcome> RecordPaymentAsync(Actor actor, int invoiceId, PaymentInput input)
    {
        RequireEdit(actor, "record a payment");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.Payments.AnyAsync(p => p.SubmissionKey == input.SubmissionKey))
            {
                return new PaymentOutcome(false, true, await Rows(Data(db).Where(r => r.Id == invoiceId)).SingleAsync(), false);
            }

            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId) ?? throw new DomainException("Error.NotFound");
            invoice.Pay(input.Amount, input.Date, input.Reference, input.SubmissionKey, actor.UserId, Now);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // A concurrent payment on the same invoice, or this very submission a moment earlier: look again.
                continue;
            }

            logger.LogInformation("Payment of {Amount} on invoice {Number} recorded by {UserId}", input.Amount, invoice.Number, actor.UserId);
            var dealPaid = await SettleDealAsync(db, invoice.DealId);
            return new PaymentOutcome(true, false, await Rows(Data(db).Where(r => r.Id == invoiceId)).SingleAsync(), dealPaid);
        }
    }

    /// <summary>Pauses dunning for an account until a date (null: resume).</summary>
    public async Task PauseDunningAsync(Actor actor, int accountId, DateOnly? until)
    {
        RequireEdit(actor, "pause dunning");
        await using var db = await contexts.CreateDbContextAsync();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId) ?? throw new DomainException("Error.NotFound");
        account.PauseDunning(until);
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<(int Id, string Name, bool IsDefault)>> PoliciesAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.DunningPolicies.AsNoTracking().OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
                .Select(p => new { p.Id, p.Name, p.IsDefault }).ToListAsync())
            .Select(p => (p.Id, p.Name, p.IsDefault)).ToList();
    }

    /// <summary>A dunning policy, levels in order (the default one when no id is given).</summary>
    public async Task<DunningPolicyView> PolicyAsync(int? policyId = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var policy = await db.DunningPolicies.AsNoTracking().SingleOrDefaultAsync(p => policyId == null ? p.IsDefault : p.Id == policyId)
            ?? throw new DomainException("Error.NotFound");
        return View(policy);
    }

    /// <summary>A new policy for accounts that need other rules; it starts as a copy of the default.</summary>
    public async Task<DunningPolicyView> CreatePolicyAsync(Actor actor, string name)
    {
        RequireEdit(actor, "create a dunning policy");
        await using var db = await contexts.CreateDbContextAsync();
        var copy = (await db.DunningPolicies.SingleAsync(p => p.IsDefault)).CopyAs(name);
        db.DunningPolicies.Add(copy);
        await db.SaveChangesAsync();
        return View(copy);
    }

    /// <summary>Changes a policy's tolerance and levels (Finance and Admin); invalid input changes nothing.</summary>
    public async Task<DunningPolicyView> UpdatePolicyAsync(Actor actor, int policyId, decimal tolerance, IReadOnlyList<DunningLevelInput> levels)
    {
        RequireEdit(actor, "change the dunning policy");
        await using var db = await contexts.CreateDbContextAsync();
        var policy = await db.DunningPolicies.SingleOrDefaultAsync(p => p.Id == policyId) ?? throw new DomainException("Error.NotFound");
        policy.SetTolerance(tolerance);
        foreach (var input in levels)
        {
            var level = policy.Levels.SingleOrDefault(l => l.Level == input.Level) ?? throw new DomainException("Error.NotFound");
            level.Update(input.OffsetDays, input.Channel, input.TemplateZh, input.TemplateEn, input.Automatic);
        }

        await db.SaveChangesAsync();
        logger.LogInformation("Dunning policy {PolicyId} changed by {UserId}", policyId, actor.UserId);
        return View(policy);
    }

    /// <summary>Gives an account its own policy (null: back to the default).</summary>
    public async Task SetAccountPolicyAsync(Actor actor, int accountId, int? policyId)
    {
        RequireEdit(actor, "set an account's dunning policy");
        await using var db = await contexts.CreateDbContextAsync();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId) ?? throw new DomainException("Error.NotFound");
        if (policyId is { } id && !await db.DunningPolicies.AnyAsync(p => p.Id == id))
        {
            throw new DomainException("Error.NotFound");
        }

        account.UseDunningPolicy(policyId);
        await db.SaveChangesAsync();
    }

    private static DunningPolicyView View(DunningPolicy policy) =>
        new(policy.Id, policy.Name, policy.ToleranceAmount, policy.Levels.OrderBy(l => l.Level)
            .Select(l => new DunningLevelInput(l.Level, l.OffsetDays, l.Channel, l.TemplateZh, l.TemplateEn, l.Automatic)).ToList());

    private async Task<bool> SettleDealAsync(LtcHubDbContext db, int dealId)
    {
        var open = await db.Invoices.AnyAsync(i => i.DealId == dealId && i.PaidAmount < i.Amount);
        var stage = await db.Deals.Where(d => d.Id == dealId).Select(d => d.Stage.Key).SingleAsync();
        if (open || stage is StageKeys.Paid or StageKeys.Lost)
        {
            return false;
        }

        if (BeforeInvoiced.Contains(stage))
        {
            await MoveBySystemAsync(dealId, StageKeys.Invoiced);
        }

        return await MoveBySystemAsync(dealId, StageKeys.Paid);
    }

    /// <summary>LtcHub itself moves the deal (audited as "LtcHub", published to every board), retrying over a concurrent edit.</summary>
    private async Task<bool> MoveBySystemAsync(int dealId, string targetKey)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var version = await db.Deals.Where(d => d.Id == dealId).Select(d => d.Version).SingleAsync();
            var outcome = await pipeline.MoveAsync(Actor.System, dealId, version, targetKey, StageEntryInput.Empty);
            if (outcome.Status != ChangeStatus.Conflict)
            {
                if (!outcome.Succeeded)
                {
                    logger.LogWarning("Could not move deal {DealId} to {Stage}: {Status} {Error}", dealId, targetKey, outcome.Status, outcome.Error?.Code);
                }

                return outcome.Succeeded;
            }
        }

        return false;
    }

    private static async Task<string> NextNumberAsync(LtcHubDbContext db, int year)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"INV-{year}-");
        var last = await db.Invoices.Where(i => i.Number.StartsWith(prefix)).OrderByDescending(i => i.Number).Select(i => i.Number).FirstOrDefaultAsync();
        var next = last is null ? 1 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{next:D5}");
    }

    private void RequireEdit(Actor actor, string what)
    {
        if (!BillingPolicy.CanEdit(actor))
        {
            logger.LogWarning("Refused to {What} for {UserId}: not Finance or Admin", what, actor.UserId);
            throw new ForbiddenException();
        }
    }

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

    private static IQueryable<InvoiceRow> Rows(IQueryable<InvoiceData> data) =>
        data.Select(r => new InvoiceRow(r.Id, r.Number, r.DealId, r.DealName, r.AccountId, r.AccountName, r.AccountEnglishName, r.OwnerId,
            r.OwnerName, r.Amount, r.PaidAmount, r.Currency, r.IssueDate, r.DueDate, r.DunningLevel, r.AccountPausedUntil, r.Version)
        {
            AccountPolicyId = r.AccountPolicyId,
        });

    /// <summary>The invoice list's columns as a plain shape EF can still filter (a record's constructor it cannot).</summary>
    private static IQueryable<InvoiceData> Data(LtcHubDbContext db) =>
        from i in db.Invoices.AsNoTracking()
        join d in db.Deals on i.DealId equals d.Id
        join a in db.Accounts on i.AccountId equals a.Id
        join u in db.Users on d.OwnerId equals u.Id
        select new InvoiceData
        {
            Id = i.Id, Number = i.Number, DealId = d.Id, DealName = d.Name, TeamId = d.TeamId, AccountId = a.Id, AccountName = a.Name,
            AccountEnglishName = a.EnglishName, OwnerId = d.OwnerId, OwnerName = u.DisplayName, Amount = i.Amount, PaidAmount = i.PaidAmount,
            Currency = i.Currency, IssueDate = i.IssueDate, DueDate = i.DueDate,
            DunningLevel = db.DunningNotices.Where(n => n.InvoiceId == i.Id && n.CancelledAtUtc == null).Max(n => (int?)n.Level),
            AccountPausedUntil = a.DunningPausedUntil, AccountPolicyId = a.DunningPolicyId, Version = i.Version,
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
    }
}
