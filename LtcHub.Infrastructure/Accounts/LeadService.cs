using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>A lead as captured: the company (new, or one the person may see), a contact, where it came from, and what they want.</summary>
public sealed record LeadDraft(
    string? Company, int? AccountId, string? ContactName, string? Phone, string? Email, LeadSource Source, int? CampaignId,
    string? Need, decimal? Amount = null, string Currency = Money.DefaultCurrency, string? OwnerId = null, string? Notes = null,
    bool AcceptDuplicates = false);

public sealed record LeadFilter(
    LeadSource? Source = null, int? CampaignId = null, string? OwnerId = null, Grade? Grade = null, bool? InPool = null,
    int? NoFollowUpForDays = null, bool NextFollowUpDue = false, string? Text = null, LeadSort Sort = LeadSort.Newest);

public enum LeadSort
{
    Newest,
    LongestWithoutFollowUp,
    BestScore,
}

public sealed record LeadRow(
    int DealId, string Name, int AccountId, string AccountName, string? ContactName, LeadSource? Source, string? CampaignName, string OwnerId,
    string OwnerName, Grade? Grade, int? Score, DateTime CreatedAtUtc, DateTime? LastFollowUpAtUtc, DateOnly? NextFollowUp, bool InPool);

/// <summary>
/// Leads (线索): a lead is a deal in the first stage with its company and a contact (docs/decisions/006-…).
/// Capturing one checks for duplicates (a blocking match refuses, a warning needs the person to go on
/// knowingly), creates what is new in one transaction, and puts it on everyone's board at once.
/// </summary>
public sealed class LeadService(
    IDbContextFactory<LtcHubDbContext> contexts, DuplicateCheck duplicates, PoolService pool, IBoardEvents events, TimeProvider time,
    ILogger<LeadService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<DealCard> CaptureAsync(Actor actor, LeadDraft draft)
    {
        var ownerId = draft.OwnerId ?? actor.UserId;
        await using (var check = await contexts.CreateDbContextAsync())
        {
            var owner = await check.Users.Where(u => u.Id == ownerId).Select(u => new { u.Id, u.TeamId }).SingleOrDefaultAsync() ?? throw new NotFoundException();
            if (!PipelinePolicy.CanCreate(actor, owner.Id, owner.TeamId))
            {
                logger.LogWarning("Refused lead capture by {UserId} for {OwnerId}", actor.UserId, ownerId);
                throw new ForbiddenException();
            }

            if (draft.CampaignId is { } campaign && !await check.Campaigns.AnyAsync(c => c.Id == campaign))
            {
                throw new NotFoundException();
            }
        }

        var matches = await duplicates.CheckAsync(actor, new DuplicateProbe(draft.AccountId is null ? draft.Company : null, draft.Phone, draft.Email, draft.AccountId));
        if (matches.FirstOrDefault(m => m.Blocks) is { } block)
        {
            throw block.InPool ? new DomainException("Error.DuplicateInPool") : new DomainException("Error.DuplicateOwned", block.OwnerName ?? "?");
        }

        if (matches.Count > 0 && !draft.AcceptDuplicates)
        {
            throw new DomainException("Error.DuplicateConfirm");
        }

        var now = Now;
        var dealId = await contexts.InTransactionAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => new { u.Id, u.TeamId }).SingleAsync();
            var account = draft.AccountId is { } id
                ? await AccountAccess.LoadAsync(db, actor, id, logger)
                : new Account(draft.Company ?? "", null, null, null, Languages.Chinese, now);
            if (draft.AccountId is null)
            {
                account.AssignTo(owner.Id, owner.TeamId, now);
                db.Accounts.Add(account);
            }
            else if (account.InPool)
            {
                throw new DomainException("Error.InPoolClaimFirst");
            }

            account.CameFrom(draft.Source, draft.CampaignId);
            var contact = string.IsNullOrWhiteSpace(draft.ContactName) ? null : account.AddContact(draft.ContactName, draft.Email, draft.Phone, null);
            await db.SaveChangesAsync();
            var first = await db.Stages.Where(s => s.Key != StageKeys.Lost).OrderBy(s => s.Order).ThenBy(s => s.Id).FirstAsync();
            var name = string.IsNullOrWhiteSpace(draft.Need) ? account.Name : $"{account.Name} · {draft.Need.Trim()}";
            var deal = new Deal(Text.Truncate(name, Deal.NameMaxLength), account.Id, owner.Id, owner.TeamId, first, draft.Amount, draft.Currency, null, now);
            db.Deals.Add(deal);
            await db.SaveChangesAsync();
            db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.DisplayName, Deal.EntityType, deal.Id.ToString(CultureInfo.InvariantCulture),
                DealFields.Stage, null, first.Key));
            if (!string.IsNullOrWhiteSpace(draft.Notes))
            {
                db.FollowUps.Add(new FollowUp(account.Id, deal.Id, contact?.Id, FollowUpKind.Other, draft.Notes, now, null, actor.UserId,
                    actor.DisplayName, now, CompanyTime.Today(now)));
                deal.FollowedUp(now);
                account.FollowedUp(now);
            }

            await db.SaveChangesAsync();
            return deal.Id;
        });

        await using var read = await contexts.CreateDbContextAsync();
        var card = await BoardReader.CardAsync(read, dealId);
        await events.PublishAsync(new DealCreated(card, actor.UserId, actor.DisplayName));
        await events.PublishAsync(new AccountChanged(card.AccountId, actor.DisplayName));
        return card;
    }

    public async Task<IReadOnlyList<LeadRow>> ListAsync(Actor actor, LeadFilter filter, int take = 500)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = Now;
        var today = CompanyTime.Today(now);
        var visible = AccountAccess.Visible(db, actor);
        var query = from d in db.Deals.AsNoTracking()
                    join a in visible on d.AccountId equals a.Id
                    join u in db.Users on d.OwnerId equals u.Id
                    join c in db.Campaigns on a.CampaignId equals c.Id into cs
                    from c in cs.DefaultIfEmpty()
                    where d.Stage.Key == StageKeys.Lead
                    select new { d, a, u, c };
        query = filter.Source is { } source ? query.Where(x => x.a.Source == source) : query;
        query = filter.CampaignId is { } campaign ? query.Where(x => x.a.CampaignId == campaign) : query;
        query = filter.OwnerId is { } owner ? query.Where(x => x.d.OwnerId == owner) : query;
        query = filter.Grade is { } grade ? query.Where(x => x.d.Grade == grade) : query;
        query = filter.InPool is { } inPool ? query.Where(x => (x.a.OwnerId == null) == inPool) : query;
        if (filter.NoFollowUpForDays is { } days)
        {
            var since = now.AddDays(-days);
            query = query.Where(x => x.d.LastFollowUpAtUtc == null || x.d.LastFollowUpAtUtc < since);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(x => x.d.Name.Contains(text) || x.a.Name.Contains(text) || x.a.Contacts.Any(k => k.Name.Contains(text)));
        }

        var shaped = query.Select(x => new
        {
            x.d.Id, x.d.Name, AccountId = x.a.Id, AccountName = x.a.Name,
            Contact = x.a.Contacts.OrderBy(k => k.Id).Select(k => k.Name).FirstOrDefault(),
            x.a.Source, Campaign = x.c == null ? null : x.c.Name, x.d.OwnerId, OwnerName = x.u.DisplayName, x.d.Grade, x.d.QualificationScore,
            x.d.CreatedAtUtc, x.d.LastFollowUpAtUtc,
            Next = db.FollowUps.Where(f => f.DealId == x.d.Id && f.NextFollowUpDate != null).Max(f => f.NextFollowUpDate),
            InPool = x.a.OwnerId == null,
        });
        shaped = filter.NextFollowUpDue ? shaped.Where(r => r.Next != null && r.Next <= today) : shaped;
        shaped = filter.Sort switch
        {
            LeadSort.LongestWithoutFollowUp => shaped.OrderBy(r => r.LastFollowUpAtUtc ?? r.CreatedAtUtc).ThenBy(r => r.Id),
            LeadSort.BestScore => shaped.OrderByDescending(r => r.QualificationScore ?? -1).ThenBy(r => r.Id),
            _ => shaped.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id),
        };
        return (await shaped.Take(take).ToListAsync()).Select(r => new LeadRow(r.Id, r.Name, r.AccountId, r.AccountName, r.Contact, r.Source,
            r.Campaign, r.OwnerId, r.OwnerName, r.Grade, r.QualificationScore, r.CreatedAtUtc, r.LastFollowUpAtUtc, r.Next, r.InPool)).ToList();
    }

    /// <summary>A manager hands several leads to one rep (their companies, and the companies' open deals, go with them).</summary>
    public async Task<int> AssignAsync(Actor actor, IReadOnlyCollection<int> dealIds, string repId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var accounts = await db.Deals.Where(d => dealIds.Contains(d.Id)).Select(d => d.AccountId).Distinct().ToListAsync();
        foreach (var accountId in accounts)
        {
            await pool.AssignAsync(actor, accountId, repId);
        }

        return accounts.Count;
    }
}
