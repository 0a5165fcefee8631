using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// The board's commands: moves and edits deals (the reads are <see cref="BoardReader"/>). Checks permissions
/// and entry rules, writes the change and its audit lines in one SaveChanges guarded by the deal's
/// version, and publishes to other boards only after the commit.
/// </summary>
public sealed class PipelineService(
    IDbContextFactory<LtcHubDbContext> contexts,
    IBoardEvents events,
    TimeProvider time,
    ILogger<PipelineService> logger)
{
    /// <summary>A new deal in the board's first stage, audited, on every open board at once.</summary>
    /// <exception cref="ForbiddenException">Not Sales or Admin, or assigning it to someone outside one's team.</exception>
    /// <exception cref="DomainException">Invalid name, amount, currency or date; an unknown account or owner.</exception>
    public async Task<DealCard> CreateAsync(Actor actor, NewDeal input)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ownerId = input.OwnerId ?? actor.UserId;
        var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => new { u.Id, u.TeamId }).SingleOrDefaultAsync()
            ?? throw new DomainException("Error.NotFound");
        if (!PipelinePolicy.CanCreate(actor, owner.Id, owner.TeamId))
        {
            logger.LogWarning("Refused deal creation by {UserId} for {OwnerId}", actor.UserId, ownerId);
            throw new ForbiddenException();
        }

        // Only a company the person may see (one they may not answers like one that does not exist), and one in the
        // public pool is claimed first — the same rule as its deals' moves and a lead on it.
        var account = await AccountAccess.Visible(db, actor).Where(a => a.Id == input.AccountId).Select(a => new { a.OwnerId }).SingleOrDefaultAsync()
            ?? throw new DomainException("Error.AccountUnknown");
        if (account.OwnerId is null && !actor.IsAdmin && !actor.Manages(owner.TeamId))
        {
            throw new DomainException("Error.InPoolClaimFirst");
        }

        var first = await db.Stages.Where(s => s.Key != StageKeys.Lost).OrderBy(s => s.Order).ThenBy(s => s.Id).FirstAsync();
        var deal = new Deal(input.Name, input.AccountId, owner.Id, owner.TeamId, first, input.Amount, input.Currency, input.ExpectedCloseDate, Now);
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        db.AuditEntries.Add(new AuditEntry(Now, actor.UserId, actor.DisplayName, Deal.EntityType, deal.Id.ToString(CultureInfo.InvariantCulture),
            DealFields.Stage, null, first.Key));
        await db.SaveChangesAsync();
        var card = await BoardReader.CardAsync(db, deal.Id);
        await events.PublishAsync(new DealCreated(card, actor.UserId, actor.DisplayName));
        return card;
    }

    public async Task<ChangeOutcome> MoveAsync(Actor actor, int dealId, long expectedVersion, string targetKey, StageEntryInput input)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var target = await db.Stages.SingleOrDefaultAsync(s => s.Key == targetKey);
        string? from = null;
        return await ChangeAsync(db, actor, dealId, expectedVersion, ChangeKind.Move,
            deal => target is null ? new DomainException("Error.StageUnknown", targetKey)
                : PipelinePolicy.CanMove(actor, deal, deal.Stage, target) ? null
                : new ForbiddenException("Error.MoveForbidden"),
            async deal =>
            {
                from = deal.Stage.Key;
                return deal.MoveTo(target!, input, await BoardReader.FactsAsync(db, dealId), actor, Now);
            },
            card => new DealMoved(card, from!, actor.UserId, actor.DisplayName),
            (deal, culture) => MovedText(actor, deal, target!, culture));
    }

    public async Task<ChangeOutcome> EditAsync(Actor actor, int dealId, long expectedVersion, DealEdit edit)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await ChangeAsync(db, actor, dealId, expectedVersion, ChangeKind.Edit,
            deal => PipelinePolicy.CanEdit(actor, deal) ? null : new ForbiddenException(),
            deal => Task.FromResult(deal.Edit(edit, actor, Now)),
            card => new DealEdited(card, actor.UserId, actor.DisplayName));
    }

    /// <summary>Ops send a won deal back to sales with a reason instead of accepting it; it stays in Won.</summary>
    public async Task<ChangeOutcome> PushBackHandoffAsync(Actor actor, int dealId, long expectedVersion, string reason)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await ChangeAsync(db, actor, dealId, expectedVersion, ChangeKind.PushBack,
            _ => PipelinePolicy.CanDecideHandoff(actor) ? null : new ForbiddenException(),
            deal => Task.FromResult(deal.PushBackHandoff(reason, actor, Now)),
            card => new DealEdited(card, actor.UserId, actor.DisplayName),
            (deal, culture) => Texts.Format("deal.pushed-back", culture, actor.DisplayName, deal.Name, deal.HandoffPushbackReason));
    }

    /// <summary>
    /// The one path every deal change takes: the deal must exist, be at the version the user saw, and
    /// the actor must be allowed; then the change and its audit lines are saved together, and only
    /// after the commit is the event published. With <paramref name="tellOwner"/>, a change made by
    /// someone other than the deal's owner also saves an alert for the owner, written in their language.
    /// </summary>
    private async Task<ChangeOutcome> ChangeAsync(
        LtcHubDbContext db, Actor actor, int dealId, long expectedVersion, ChangeKind what,
        Func<Deal, DomainException?> refusal, Func<Deal, Task<IReadOnlyList<AuditEntry>>> apply, Func<DealCard, BoardEvent> published,
        Func<Deal, string, string>? tellOwner = null)
    {
        var deal = await db.Deals.Include(d => d.Stage).SingleOrDefaultAsync(d => d.Id == dealId);
        if (deal is null)
        {
            return new ChangeOutcome(ChangeStatus.NotFound, null, Error: new DomainException("Error.NotFound"));
        }

        if (deal.Version != expectedVersion)
        {
            return await ConflictAsync(dealId);
        }

        if ((refusal(deal) ?? await PooledAsync(db, actor, deal)) is { } refused)
        {
            logger.LogWarning("Refused {What} of deal {DealId} in {Stage} by {UserId} ({Roles}): {Reason}",
                what, dealId, deal.Stage.Key, actor.UserId, string.Join(",", actor.Roles), refused.Code);
            return await RefusedAsync(db, dealId, refused is ForbiddenException ? ChangeStatus.Forbidden : ChangeStatus.Refused, refused);
        }

        Notification? told = null;
        try
        {
            db.AuditEntries.AddRange(await apply(deal));
            if (tellOwner is not null && deal.OwnerId != actor.UserId)
            {
                var culture = await db.Users.Where(u => u.Id == deal.OwnerId).Select(u => u.PreferredCulture).SingleOrDefaultAsync() ?? Languages.Chinese;
                told = OwnerAlert(deal, what == ChangeKind.Move ? "deal.moved" : "deal.changed", tellOwner(deal, culture));
                db.Notifications.Add(told);
            }
        }
        catch (StageEntryRefusedException needs) when (what == ChangeKind.Move)
        {
            return new ChangeOutcome(ChangeStatus.NeedsInput, await BoardReader.CardAsync(db, dealId), needs.Missing, needs);
        }
        catch (DomainException invalid)
        {
            return await RefusedAsync(db, dealId, ChangeStatus.Refused, invalid);
        }

        if (await TrySaveAsync(db) is { } conflict)
        {
            return conflict;
        }

        if (what == ChangeKind.Move && deal.IsWonOrBeyond)
        {
            // Business won: the company is a customer now.
            await db.Accounts.Where(a => a.Id == deal.AccountId && a.Status != AccountStatus.Customer)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, AccountStatus.Customer));
        }

        var card = await BoardReader.CardAsync(db, dealId);
        await events.PublishAsync(published(card));
        if (told is not null)
        {
            await events.PublishAsync(new NotificationsChanged(told.UserId, told.Text));
        }

        return new ChangeOutcome(ChangeStatus.Done, card);
    }

    /// <summary>
    /// A company back in the public pool is nobody's until someone claims it: its open sales deals wait
    /// (Admin and the team's managers may still act on them).
    /// </summary>
    private static async Task<DomainException?> PooledAsync(LtcHubDbContext db, Actor actor, Deal deal) =>
        !actor.IsAdmin && !actor.Manages(deal.TeamId) && deal.Stage.OwningTeam is TeamKind.Sales or TeamKind.None
        && await db.Accounts.AnyAsync(a => a.Id == deal.AccountId && a.OwnerId == null)
            ? new DomainException("Error.InPoolClaimFirst")
            : null;

    /// <summary>
    /// LtcHub itself moves a deal as part of another change (its first invoice, the payment that settles
    /// it), inside that change's transaction: the move, its audit lines and the owner's alert are added to
    /// <paramref name="db"/> and saved there, so the document and the move commit together or not at all.
    /// Returns what to publish once the caller has committed.
    /// </summary>
    public async Task<IReadOnlyList<BoardEvent>> MoveAsSystemAsync(LtcHubDbContext db, int dealId, string targetKey)
    {
        var deal = await db.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == dealId);
        var target = await db.Stages.SingleAsync(s => s.Key == targetKey);
        var from = deal.Stage.Key;
        db.AuditEntries.AddRange(deal.MoveTo(target, StageEntryInput.Empty, await BoardReader.FactsAsync(db, dealId), Actor.System, Now));
        var culture = await db.Users.Where(u => u.Id == deal.OwnerId).Select(u => u.PreferredCulture).SingleOrDefaultAsync() ?? Languages.Chinese;
        var alert = OwnerAlert(deal, "deal.moved", MovedText(Actor.System, deal, target, culture));
        db.Notifications.Add(alert);
        await db.SaveChangesAsync();
        logger.LogInformation("LtcHub moved deal {DealId} from {From} to {To}", dealId, from, targetKey);
        return [new DealMoved(await BoardReader.CardAsync(db, dealId), from, Actor.System.UserId, Actor.System.DisplayName),
            new NotificationsChanged(alert.UserId, alert.Text)];
    }

    /// <summary>What a deal's owner is told when someone else (or LtcHub) moves it.</summary>
    private static string MovedText(Actor actor, Deal deal, Stage target, string culture) =>
        target.Key == StageKeys.Handoff
            ? Texts.Format("deal.handed", culture, actor.DisplayName, deal.Name)
            : target.Key == StageKeys.Paid && actor.UserId == Actor.System.UserId
                ? Texts.Format("deal.paid", culture, deal.Name)
                : Texts.Format("deal.moved", culture, actor.DisplayName, deal.Name, target.Name(culture == Languages.English));

    private Notification OwnerAlert(Deal deal, string kind, string text) =>
        new(deal.OwnerId, kind, string.Create(CultureInfo.InvariantCulture, $"deal:{deal.Id}:{deal.Version}"), text, Links.Pipeline, Now);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static async Task<ChangeOutcome> RefusedAsync(LtcHubDbContext db, int dealId, ChangeStatus status, DomainException error) =>
        new(status, await BoardReader.CardAsync(db, dealId), Error: error);

    /// <summary>Saves; if someone else's change committed first, returns the conflict to show instead.</summary>
    private async Task<ChangeOutcome?> TrySaveAsync(LtcHubDbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateConcurrencyException e)
        {
            var dealId = e.Entries.Select(x => x.Entity).OfType<Deal>().Select(d => d.Id).FirstOrDefault();
            return await ConflictAsync(dealId);
        }
    }

    /// <summary>The deal as it really is now, and who changed it last.</summary>
    private async Task<ChangeOutcome> ConflictAsync(int dealId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var last = await db.HistoryOf(Deal.EntityType, dealId)
            .Select(a => a.ActorName)
            .FirstOrDefaultAsync();
        return new ChangeOutcome(ChangeStatus.Conflict, await BoardReader.CardAsync(db, dealId), ChangedBy: last,
            Error: new ConflictException("Error.Conflict", last, last ?? "?"));
    }
}
