using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// The board's one application service: reads cards, moves and edits deals. Checks permissions
/// and entry rules, writes the change and its audit lines in one SaveChanges guarded by the deal's
/// version, and publishes to other boards only after the commit.
/// </summary>
public sealed class PipelineService(
    IDbContextFactory<LtcHubDbContext> contexts,
    IBoardEvents events,
    TimeProvider time,
    ILogger<PipelineService> logger)
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
                s.DaysUntilStale, s.EntryRules, s.Version));

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
            c == null ? 0m : c.Amount);

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
        };
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
                return deal.MoveTo(target!, input, await FactsAsync(db, dealId), actor, Now);
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

        if (refusal(deal) is { } refused)
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
                var culture = await db.Users.Where(u => u.Id == deal.OwnerId).Select(u => u.PreferredCulture).SingleOrDefaultAsync() ?? "zh-CN";
                told = OwnerAlert(deal, what == ChangeKind.Move ? "deal.moved" : "deal.changed", tellOwner(deal, culture));
                db.Notifications.Add(told);
            }
        }
        catch (StageEntryRefusedException needs) when (what == ChangeKind.Move)
        {
            return new ChangeOutcome(ChangeStatus.NeedsInput, await CardAsync(db, dealId), needs.Missing, needs);
        }
        catch (DomainException invalid)
        {
            return await RefusedAsync(db, dealId, ChangeStatus.Refused, invalid);
        }

        if (await TrySaveAsync(db) is { } conflict)
        {
            return conflict;
        }

        var card = await CardAsync(db, dealId);
        await events.PublishAsync(published(card));
        if (told is not null)
        {
            await events.PublishAsync(new NotificationsChanged(told.UserId, told.Text));
        }

        return new ChangeOutcome(ChangeStatus.Done, card);
    }

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
        db.AuditEntries.AddRange(deal.MoveTo(target, StageEntryInput.Empty, await FactsAsync(db, dealId), Actor.System, Now));
        var culture = await db.Users.Where(u => u.Id == deal.OwnerId).Select(u => u.PreferredCulture).SingleOrDefaultAsync() ?? "zh-CN";
        var alert = OwnerAlert(deal, "deal.moved", MovedText(Actor.System, deal, target, culture));
        db.Notifications.Add(alert);
        await db.SaveChangesAsync();
        logger.LogInformation("LtcHub moved deal {DealId} from {From} to {To}", dealId, from, targetKey);
        return [new DealMoved(await CardAsync(db, dealId), from, Actor.System.UserId, Actor.System.DisplayName),
            new NotificationsChanged(alert.UserId, alert.Text)];
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

    /// <summary>What a deal's owner is told when someone else (or LtcHub) moves it.</summary>
    private static string MovedText(Actor actor, Deal deal, Stage target, string culture) =>
        target.Key == StageKeys.Handoff
            ? Texts.Format("deal.handed", culture, actor.DisplayName, deal.Name)
            : target.Key == StageKeys.Paid && actor.UserId == Actor.System.UserId
                ? Texts.Format("deal.paid", culture, deal.Name)
                : Texts.Format("deal.moved", culture, actor.DisplayName, deal.Name, target.Name(culture == "en-US"));

    private Notification OwnerAlert(Deal deal, string kind, string text) =>
        new(deal.OwnerId, kind, string.Create(CultureInfo.InvariantCulture, $"deal:{deal.Id}:{deal.Version}"), text, "/pipeline", Now);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static async Task<ChangeOutcome> RefusedAsync(LtcHubDbContext db, int dealId, ChangeStatus status, DomainException error) =>
        new(status, await CardAsync(db, dealId), Error: error);

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
        return new ChangeOutcome(ChangeStatus.Conflict, await CardAsync(db, dealId), ChangedBy: last,
            Error: new DomainException("Error.Conflict", last ?? "?"));
    }
}
