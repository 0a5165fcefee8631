using LtcHub.Domain.Common;
using LtcHub.Domain.Contracts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Contracts;

public enum ContractFilter
{
    All,
    Open,
    Overdue,
    Collected,
}

/// <summary>Contracts and their plans for those who may read the deal's money (<see cref="DocumentPolicy.CanRead"/>).</summary>
public sealed class ContractReader(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time)
{
    public async Task<ContractView?> ForDealAsync(Actor actor, int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var deal = await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException();
        if (!DocumentPolicy.CanRead(actor, deal))
        {
            throw new NotFoundException();
        }

        var contract = await db.Contracts.AsNoTracking().Include(c => c.Plan).SingleOrDefaultAsync(c => c.DealId == dealId);
        return contract is null ? null : (await ViewsAsync(db, actor, [contract])).Single();
    }

    public async Task<ContractView> GetAsync(Actor actor, int contractId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Plan).SingleOrDefaultAsync(c => c.Id == contractId) ?? throw new NotFoundException();
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == contract.DealId);
        return DocumentPolicy.CanRead(actor, deal) ? (await ViewsAsync(db, actor, [contract])).Single() : throw new NotFoundException();
    }

    /// <summary>The contracts the reader may see, most urgent first (overdue, then by next due date).</summary>
    public async Task<IReadOnlyList<ContractView>> ListAsync(Actor actor, ContractFilter filter, string? text = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var query = from c in db.Contracts.AsNoTracking().Include(c => c.Plan)
                    join d in db.Deals on c.DealId equals d.Id
                    select new { c, d };
        if (!(actor.IsAdmin || actor.IsInRole(Roles.Finance) || actor.IsInRole(Roles.Ops)))
        {
            var managed = actor.ManagedTeamIds.ToList();
            query = query.Where(x => x.d.OwnerId == actor.UserId || (x.d.TeamId != null && (managed.Contains(x.d.TeamId.Value) || x.d.TeamId == actor.TeamId)));
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(x => x.c.Number.Contains(t) || x.d.Name.Contains(t));
        }

        var views = await ViewsAsync(db, actor, await query.Select(x => x.c).Take(1000).ToListAsync());
        return views
            .Where(v => filter switch
            {
                ContractFilter.Open => !v.FullyCollected,
                ContractFilter.Overdue => v.Plan.Any(l => l.State == PlanLineState.Overdue),
                ContractFilter.Collected => v.FullyCollected,
                _ => true,
            })
            .OrderByDescending(v => v.Plan.Any(l => l.State == PlanLineState.Overdue))
            .ThenBy(v => v.NextDue?.DueDate ?? DateOnly.MaxValue)
            .ToList();
    }

    /// <summary>Plan progress of many deals at once (one query), for the cards of the board.</summary>
    public static async Task<Dictionary<int, PlanProgress>> ProgressAsync(LtcHubDbContext db, IReadOnlyCollection<int> dealIds)
    {
        var rows = await (from l in db.PaymentPlanLines
                          join c in db.Contracts on l.ContractId equals c.Id
                          join i in db.Invoices on l.Id equals i.PaymentPlanLineId into invoices
                          from i in invoices.DefaultIfEmpty()
                          where dealIds.Contains(c.DealId)
                          select new { c.DealId, c.Amount, Line = l.Amount, Paid = i == null ? 0m : i.PaidAmount }).ToListAsync();
        return rows.GroupBy(r => r.DealId).ToDictionary(g => g.Key, g => new PlanProgress(
            g.Count(r => r.Paid >= r.Line), g.Count(), g.First().Amount == 0 ? 0 : Math.Min(1m, g.Sum(r => r.Paid) / g.First().Amount)));
    }

    private async Task<IReadOnlyList<ContractView>> ViewsAsync(LtcHubDbContext db, Actor actor, IReadOnlyList<Contract> contracts)
    {
        var today = CompanyTime.Today(time);
        var dealIds = contracts.Select(c => c.DealId).ToList();
        var deals = await (from d in db.Deals.AsNoTracking()
                           join a in db.Accounts on d.AccountId equals a.Id
                           join u in db.Users on d.OwnerId equals u.Id
                           where dealIds.Contains(d.Id)
                           select new { Deal = d, Account = a.Name, Owner = u.DisplayName }).ToDictionaryAsync(x => x.Deal.Id);
        var lineIds = contracts.SelectMany(c => c.Plan).Select(l => l.Id).ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.PaymentPlanLineId != null && lineIds.Contains(i.PaymentPlanLineId.Value))
            .Select(i => new { LineId = i.PaymentPlanLineId!.Value, i.Id, i.Number, i.PaidAmount, i.Amount, i.DueDate }).ToDictionaryAsync(i => i.LineId);
        var quoteIds = contracts.Where(c => c.QuoteId != null).Select(c => c.QuoteId!.Value).ToList();
        var quotes = await db.Quotes.AsNoTracking().Where(q => quoteIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Number + " v" + q.Revision);
        return contracts.Select(c =>
        {
            var deal = deals[c.DealId];
            var plan = c.Plan.OrderBy(l => l.Number).Select(l =>
            {
                var invoice = invoices.GetValueOrDefault(l.Id);
                var collected = invoice?.PaidAmount ?? 0m;
                var due = invoice?.DueDate ?? l.DueDate;
                var state = collected >= l.Amount ? PlanLineState.Paid
                    : due < today ? PlanLineState.Overdue
                    : collected > 0 ? PlanLineState.PartlyPaid
                    : invoice is not null ? PlanLineState.Invoiced
                    : PlanLineState.Planned;
                return new PlanLineView(l.Id, l.Number, l.DueDate, l.Amount, l.Percent, invoice?.Id, invoice?.Number, collected, state);
            }).ToList();
            return new ContractView(c.Id, c.DealId, deal.Deal.Name, deal.Account, deal.Owner, c.Number, c.SignedDate, c.Amount, c.Currency, c.StartDate,
                c.EndDate, c.QuoteId, c.QuoteId is { } q ? quotes.GetValueOrDefault(q) : null, c.Attachment, plan, c.Version)
            {
                CanAttach = DocumentPolicy.CanSell(actor, deal.Deal) || DocumentPolicy.CanBill(actor),
                CanBill = DocumentPolicy.CanBill(actor),
            };
        }).ToList();
    }
}
