using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Documents;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Settings;
using LtcHub.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Quotes;

/// <summary>
/// Everything that changes a quote: create, edit, ask for and give discount approval, send (with its
/// PDF through the outbox), revise, and record the customer's answer. Each change is checked against
/// the version the user saw, audited, and announced after it commits; an accepted quote's total
/// becomes the deal's amount.
/// </summary>
public sealed class QuoteService(
    IDbContextFactory<LtcHubDbContext> contexts,
    QuoteReader reader,
    QuotePdf pdf,
    CompanySettingsService settings,
    IBoardEvents events,
    TimeProvider time,
    ILogger<QuoteService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<QuoteView> CreateAsync(Actor actor, int dealId, QuoteDraft draft)
    {
        var id = await Retry.UniqueAsync(() => contexts.InTransactionAsync(async db =>
        {
            var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == dealId) ?? throw new NotFoundException();
            RequireSell(actor, deal, "create a quote");
            await RequireContactAsync(db, deal, draft.ContactId);
            var number = await DocumentNumbers.NextAsync(db, DocumentNumbers.Quote, CompanyTime.Today(Now).Year);
            var quote = new Quote(deal.Id, number, 1, deal.Currency, draft.Culture, draft.ContactId, draft.ValidUntil, draft.Notes, draft.Lines,
                actor.UserId, Now);
            db.Quotes.Add(quote);
            await db.SaveChangesAsync();
            db.AuditEntries.Add(Audit(actor, quote, "Created", null, Describe(quote)));
            await db.SaveChangesAsync();
            return quote.Id;
        }));
        return await PublishAsync(actor, id);
    }

    public Task<QuoteView> UpdateAsync(Actor actor, int quoteId, long expectedVersion, QuoteDraft draft) =>
        ChangeAsync(actor, quoteId, expectedVersion, "edit", DocumentPolicy.CanSell, async (db, quote, deal) =>
        {
            await RequireContactAsync(db, deal, draft.ContactId);
            var before = Describe(quote);
            quote.Edit(draft.Culture, draft.ContactId, draft.ValidUntil, draft.Notes, draft.Lines, Now);
            return [Audit(actor, quote, "Edited", before, Describe(quote))];
        });

    /// <summary>Asks the deal team's manager to approve a discount over the limit; they get it in the bell.</summary>
    public Task<QuoteView> RequestApprovalAsync(Actor actor, int quoteId, long expectedVersion) =>
        ChangeAsync(actor, quoteId, expectedVersion, "request approval", DocumentPolicy.CanSell, async (db, quote, deal) =>
        {
            quote.RequestApproval(Now);
            foreach (var (userId, culture) in await ApproversAsync(db, deal))
            {
                db.Notifications.Add(new Notification(userId, "quote.approval", $"quote-approval:{quote.Id}:{quote.Version}",
                    Texts.Format("quote.approval-requested", culture, actor.DisplayName, quote.Title, deal.Name, quote.MaxDiscount), LinkTo(quote), Now));
            }

            return [Audit(actor, quote, "Status", QuoteStatus.Draft.ToString(), quote.Status.ToString())];
        });

    public Task<QuoteView> ApproveAsync(Actor actor, int quoteId, long expectedVersion, string? comment) =>
        DecideApprovalAsync(actor, quoteId, expectedVersion, approve: true, comment);

    public Task<QuoteView> RefuseAsync(Actor actor, int quoteId, long expectedVersion, string comment) =>
        DecideApprovalAsync(actor, quoteId, expectedVersion, approve: false, comment);

    /// <summary>Marks the quote sent and, when asked, e-mails it with its PDF to the contact it is addressed to.</summary>
    public async Task<QuoteView> SendAsync(Actor actor, int quoteId, long expectedVersion, bool email)
    {
        var limit = (await settings.GetAsync()).DiscountApprovalLimit;
        return await ChangeAsync(actor, quoteId, expectedVersion, "send", DocumentPolicy.CanSell, async (db, quote, deal) =>
        {
            var before = quote.Status.ToString();
            quote.MarkSent(limit, CompanyTime.Today(Now), Now);
            if (email)
            {
                db.OutboxEmails.Add(await LetterAsync(db, actor, quote));
            }

            return [Audit(actor, quote, "Status", before, email ? $"{quote.Status} (e-mail)" : quote.Status.ToString())];
        });
    }

    /// <summary>A sent (or refused, or expired) quote gets a new revision to change: same number, the next version, a draft.</summary>
    public async Task<QuoteView> ReviseAsync(Actor actor, int quoteId, long expectedVersion)
    {
        var validity = (await settings.GetAsync()).QuoteValidityDays;
        var revised = 0;
        await ChangeAsync(actor, quoteId, expectedVersion, "revise", DocumentPolicy.CanSell, async (db, quote, deal) =>
        {
            var next = quote.Revise(CompanyTime.Today(Now).AddDays(validity), actor.UserId, Now);
            db.Quotes.Add(next);
            await db.SaveChangesAsync();
            revised = next.Id;
            return [Audit(actor, next, "Created", $"{quote.Title} {quote.Status}", Describe(next))];
        });
        return await reader.GetAsync(actor, revised);
    }

    /// <summary>The customer accepted: the quote's gross total becomes the deal's amount (audited, live on every board).</summary>
    public Task<QuoteView> AcceptAsync(Actor actor, int quoteId, long expectedVersion) =>
        ChangeAsync(actor, quoteId, expectedVersion, "accept", DocumentPolicy.CanSell, (_, quote, deal) =>
        {
            quote.Accept(Now);
            IReadOnlyList<AuditEntry> lines = [Audit(actor, quote, "Status", QuoteStatus.Sent.ToString(), quote.Status.ToString()),
                .. deal.TakeAmount(quote.Gross, quote.Currency, actor, Now)];
            return Task.FromResult(lines);
        });

    public Task<QuoteView> RejectAsync(Actor actor, int quoteId, long expectedVersion) =>
        ChangeAsync(actor, quoteId, expectedVersion, "reject", DocumentPolicy.CanSell, (_, quote, _) =>
        {
            quote.Reject(Now);
            return Task.FromResult<IReadOnlyList<AuditEntry>>([Audit(actor, quote, "Status", QuoteStatus.Sent.ToString(), quote.Status.ToString())]);
        });

    private Task<QuoteView> DecideApprovalAsync(Actor actor, int quoteId, long expectedVersion, bool approve, string? comment) =>
        ChangeAsync(actor, quoteId, expectedVersion, approve ? "approve" : "refuse approval", DocumentPolicy.CanApprove, async (db, quote, deal) =>
        {
            if (approve)
            {
                quote.Approve(actor, comment, Now);
            }
            else
            {
                quote.RefuseApproval(comment ?? "", Now);
            }

            var culture = await db.Users.Where(u => u.Id == quote.CreatedById).Select(u => u.PreferredCulture).SingleOrDefaultAsync() ?? Languages.Chinese;
            db.Notifications.Add(new Notification(quote.CreatedById, "quote.decided", $"quote-decided:{quote.Id}:{quote.Version}",
                Texts.Format(approve ? "quote.approved" : "quote.refused", culture, actor.DisplayName, quote.Title, quote.ApprovalComment ?? ""),
                LinkTo(quote), Now));
            return [Audit(actor, quote, "Approval", QuoteStatus.PendingApproval.ToString(), $"{quote.Status}: {quote.ApprovalComment}")];
        });

    /// <summary>
    /// The one path every change takes: the quote must exist and be readable, be at the version the user
    /// saw, and the actor allowed; the change and its audit lines (and alerts) save together; then the
    /// boards hear of it (the deal card too, when the deal changed).
    /// </summary>
    private async Task<QuoteView> ChangeAsync(
        Actor actor, int quoteId, long expectedVersion, string what, Func<Actor, Deal, bool> allowed,
        Func<LtcHubDbContext, Quote, Deal, Task<IReadOnlyList<AuditEntry>>> change)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var quote = await db.Quotes.Include(q => q.Lines).SingleOrDefaultAsync(q => q.Id == quoteId) ?? throw new NotFoundException();
        var deal = await db.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == quote.DealId);
        if (!DocumentPolicy.CanRead(actor, deal))
        {
            throw new NotFoundException();
        }

        if (!allowed(actor, deal))
        {
            logger.LogWarning("Refused to {What} quote {QuoteId} for {UserId}", what, quoteId, actor.UserId);
            throw new ForbiddenException();
        }

        if (quote.Version != expectedVersion)
        {
            throw await ConflictAsync(db, quote);
        }

        var dealVersion = deal.Version;
        db.AuditEntries.AddRange(await change(db, quote, deal));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync();
            throw await ConflictAsync(fresh, quote);
        }

        if (deal.Version != dealVersion)
        {
            await events.PublishAsync(new DealEdited(await BoardReader.CardAsync(db, deal.Id), actor.UserId, actor.DisplayName));
        }

        foreach (var alert in db.ChangeTracker.Entries<Notification>().Select(e => e.Entity))
        {
            await events.PublishAsync(new NotificationsChanged(alert.UserId, alert.Text));
        }

        return await PublishAsync(actor, quote.Id);
    }

    private async Task<QuoteView> PublishAsync(Actor actor, int quoteId)
    {
        var view = await reader.GetAsync(actor, quoteId);
        await events.PublishAsync(new QuoteChanged(view.DealId, view.Id, view.Status, actor.DisplayName));
        return view;
    }

    internal static string LinkTo(Quote quote) => Links.Quote(quote.Id);

    private void RequireSell(Actor actor, Deal deal, string what)
    {
        if (!DocumentPolicy.CanRead(actor, deal))
        {
            throw new NotFoundException();
        }

        if (!DocumentPolicy.CanSell(actor, deal))
        {
            logger.LogWarning("Refused to {What} for deal {DealId} by {UserId}", what, deal.Id, actor.UserId);
            throw new ForbiddenException();
        }
    }

    private static async Task RequireContactAsync(LtcHubDbContext db, Deal deal, int? contactId)
    {
        if (contactId is { } id && !await db.Contacts.AnyAsync(c => c.Id == id && c.AccountId == deal.AccountId))
        {
            throw new DomainException("Error.ContactNotOfAccount");
        }
    }

    /// <summary>The deal team's manager (or, without one, the admins) in their language.</summary>
    private static async Task<IReadOnlyList<(string UserId, string Culture)>> ApproversAsync(LtcHubDbContext db, Deal deal)
    {
        var managers = await (from t in db.Teams
                              join u in db.Users on t.ManagerId equals u.Id
                              where t.Id == deal.TeamId
                              select new { u.Id, u.PreferredCulture }).ToListAsync();
        if (managers.Count == 0)
        {
            managers = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              join u in db.Users on ur.UserId equals u.Id
                              where r.Name == Roles.Admin
                              select new { u.Id, u.PreferredCulture }).ToListAsync();
        }

        return managers.Select(m => (m.Id, m.PreferredCulture)).ToList();
    }

    private async Task<OutboxEmail> LetterAsync(LtcHubDbContext db, Actor actor, Quote quote)
    {
        var contact = quote.ContactId is { } id ? await db.Contacts.SingleOrDefaultAsync(c => c.Id == id) : null;
        if (contact?.Email is not { Length: > 0 } address)
        {
            throw new DomainException("Error.QuoteNoRecipient");
        }

        var view = await reader.ViewAsync(db, quote, actor);
        var subject = Texts.Format("quote.mail-subject", quote.Culture, quote.Number, view.DealName);
        var body = Texts.Format("quote.mail-body", quote.Culture, contact.Name, quote.Title,
            Texts.Money(quote.Gross, quote.Currency, quote.Culture), quote.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            actor.DisplayName);
        return new OutboxEmail($"quote-{quote.Number}-v{quote.Revision}@ltchub.local", address, contact.Name, subject, body, Now)
            .WithAttachment($"{quote.Number}-v{quote.Revision}.pdf", "application/pdf", pdf.Render(view));
    }

    private async Task<DomainException> ConflictAsync(LtcHubDbContext db, Quote quote)
    {
        var last = await db.HistoryOf(Quote.EntityType, quote.Id).Select(a => a.ActorName).FirstOrDefaultAsync();
        return new ConflictException("Error.QuoteConflict", last, last ?? "?", quote.Title);
    }

    private AuditEntry Audit(Actor actor, Quote quote, string field, string? oldValue, string? newValue) =>
        AuditOf(Now, actor, quote, field, oldValue, newValue);

    internal static AuditEntry AuditOf(DateTime nowUtc, Actor actor, Quote quote, string field, string? oldValue, string? newValue) =>
        new(nowUtc, actor.UserId, actor.DisplayName, Quote.EntityType, quote.Id.ToString(CultureInfo.InvariantCulture), field,
            oldValue is null ? null : Text.Truncate(oldValue, 1000), newValue is null ? null : Text.Truncate(newValue, 1000));

    private static string Describe(Quote quote) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{quote.Title}: {quote.Lines.Count} line(s), net {quote.Net:0.00}, tax {quote.Tax:0.00}, gross {quote.Gross:0.00} {quote.Currency}, valid until {quote.ValidUntil:yyyy-MM-dd}");
}
