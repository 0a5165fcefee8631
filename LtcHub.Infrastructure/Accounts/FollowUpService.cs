using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>What someone logs: a call, a visit, a message… on an account, perhaps one of its deals and contacts.</summary>
public sealed record FollowUpDraft(
    int? AccountId, int? DealId, int? ContactId, FollowUpKind Kind, string Content, DateTime? AtUtc = null, DateOnly? NextFollowUp = null);

/// <summary>
/// The follow-up log (跟进记录): anyone who may see the customer logs one (from the deal drawer, the account
/// page, the meeting room). It refreshes the deal's card (last follow-up, staleness) and the account's pool
/// clock; its next date becomes a reminder (<see cref="Notifications.ReminderService"/>).
/// </summary>
public sealed class FollowUpService(
    IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, TimeProvider time, ILogger<FollowUpService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<long> LogAsync(Actor actor, FollowUpDraft draft)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var deal = draft.DealId is { } dealId ? await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException() : null;
        var accountId = deal?.AccountId ?? draft.AccountId ?? throw new DomainException("Error.Required", "Field.Account");
        if (draft.AccountId is { } given && given != accountId)
        {
            throw new DomainException("Error.DealNotOfAccount");
        }

        var account = await AccountAccess.LoadAsync(db, actor, accountId, logger);
        if (deal is not null && !(PipelinePolicy.OwnsOrManages(actor, deal) || AccountPolicy.CanEdit(actor, account) || AccountPolicy.SeesAll(actor)))
        {
            throw new ForbiddenException();
        }

        if (draft.ContactId is { } contactId && account.Contacts.All(c => c.Id != contactId))
        {
            throw new DomainException("Error.ContactNotOfAccount");
        }

        var now = Now;
        var followUp = new FollowUp(accountId, deal?.Id, draft.ContactId, draft.Kind, draft.Content, draft.AtUtc ?? now, draft.NextFollowUp,
            actor.UserId, actor.DisplayName, now, CompanyTime.Today(now));
        db.FollowUps.Add(followUp);
        await db.SaveChangesAsync();

        // The card's and the pool's clocks move by themselves, without a new version: nobody's open form is invalidated.
        var at = followUp.AtUtc;
        await db.Accounts.Where(a => a.Id == accountId && (a.LastFollowUpAtUtc == null || a.LastFollowUpAtUtc < at))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.LastFollowUpAtUtc, at).SetProperty(x => x.PoolWarnedAtUtc, (DateTime?)null));
        if (deal is not null)
        {
            await db.Deals.Where(d => d.Id == deal.Id && (d.LastFollowUpAtUtc == null || d.LastFollowUpAtUtc < at))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LastFollowUpAtUtc, at));
        }

        if (deal is not null)
        {
            await events.PublishAsync(new CardRefreshed(await BoardReader.CardAsync(db, deal.Id)));
        }

        await events.PublishAsync(new FollowUpLogged(accountId, deal?.Id, actor.DisplayName));
        return followUp.Id;
    }

    /// <summary>A deal's follow-ups (the drawer's tab), for whoever may see the deal's customer.</summary>
    public async Task<IReadOnlyList<FollowUpLine>> OfDealAsync(Actor actor, int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var accountId = await db.Deals.Where(d => d.Id == dealId).Select(d => (int?)d.AccountId).SingleOrDefaultAsync() ?? throw new NotFoundException();
        await AccountAccess.LoadAsync(db, actor, accountId, logger);
        return await FollowUpQueries.Lines(db, f => f.DealId == dealId).Take(200).ToListAsync();
    }
}
