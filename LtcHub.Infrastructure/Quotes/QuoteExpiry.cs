using LtcHub.Domain.Common;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Quotes;

/// <summary>Quotes whose validity ran out: a nightly scan, idempotent (an expired quote is not expired twice).</summary>
public sealed class QuoteExpiry(IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, TimeProvider time, ILogger<QuoteExpiry> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The nightly job: sent quotes past their valid-until date expire, and their owners hear of it.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var today = CompanyTime.Today(Now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Quotes.Where(q => q.Status == QuoteStatus.Sent && q.ValidUntil < today).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var dealIds = due.Select(q => q.DealId).Distinct().ToList();
        var owners = await (from d in db.Deals
                            join u in db.Users on d.OwnerId equals u.Id
                            where dealIds.Contains(d.Id)
                            select new { d.Id, d.OwnerId, d.Name, u.PreferredCulture }).ToDictionaryAsync(d => d.Id, cancellationToken);
        var added = new List<Notification>();
        foreach (var quote in due)
        {
            quote.ExpireIfDue(today, Now);
            db.AuditEntries.Add(QuoteService.AuditOf(Now, Actor.System, quote, "Status", QuoteStatus.Sent.ToString(), quote.Status.ToString()));
            if (owners.TryGetValue(quote.DealId, out var owner))
            {
                var alert = new Notification(owner.OwnerId, "quote.expired", $"quote-expired:{quote.Id}",
                    Texts.Format("quote.expired", owner.PreferredCulture, quote.Title, owner.Name), QuoteService.LinkTo(quote), Now);
                db.Notifications.Add(alert);
                added.Add(alert);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone changed one of them (or a parallel run expired them) meanwhile: the next run picks up what is left.
            logger.LogInformation("Quote expiry raced with another change; the next run finishes it");
            return 0;
        }

        foreach (var quote in due)
        {
            await events.PublishAsync(new QuoteChanged(quote.DealId, quote.Id, quote.Status, Actor.System.DisplayName));
        }

        foreach (var alert in added)
        {
            await events.PublishAsync(new NotificationsChanged(alert.UserId, alert.Text));
        }

        return due.Count;
    }
}
