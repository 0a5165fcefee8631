using LtcHub.Domain.Notifications;
using LtcHub.Infrastructure.Mail;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Notifications;

/// <summary>
/// Sends what the outbox holds: each letter is claimed in the database (<see cref="OutboxEmail.ClaimedUntilUtc"/>, one
/// conditional UPDATE: of two app instances running the outbox at once, one wins each letter), sent, then marked sent.
/// A crash in between means it is sent again once the claim runs out — with the same Message-ID, so it is the same
/// letter. A dunning letter whose invoice was paid in the meantime is cancelled instead. A failed letter waits for its
/// claim to run out before the next try.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<LtcHubDbContext> contexts,
    IEmailTransport transport,
    SmtpOptions smtp,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    public const int MaxAttempts = 10;

    /// <summary>How long a claim holds: longer than sending a letter can take (the SMTP timeouts are far shorter).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <returns>How many letters left.</returns>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var skipped = new List<long>(); // one attempt per letter per call, and none at a letter another sender claimed
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var started = time.GetUtcNow().UtcDateTime;
            var batch = await db.OutboxEmails
                .Where(e => e.SentAtUtc == null && e.CancelledAtUtc == null && e.Attempts < MaxAttempts && !skipped.Contains(e.Id)
                    && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < started))
                .OrderBy(e => e.Id).Take(200).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var email in batch)
            {
                var now = time.GetUtcNow().UtcDateTime;
                var until = now + ClaimFor;
                var claimed = await db.OutboxEmails
                    .Where(e => e.Id == email.Id && e.SentAtUtc == null && e.CancelledAtUtc == null && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < now))
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedUntilUtc, until), cancellationToken);
                if (claimed == 0)
                {
                    skipped.Add(email.Id);
                    continue;
                }

                email.Claimed(until);
                db.Entry(email).Property(e => e.ClaimedUntilUtc).OriginalValue = until;    // as the database holds it now

                var notice = email.DunningInvoiceId is { } invoiceId
                    ? await db.DunningNotices.SingleOrDefaultAsync(n => n.InvoiceId == invoiceId && n.Level == email.DunningLevel, cancellationToken)
                    : null;
                if (email.DunningInvoiceId is { } id && await db.Invoices.AnyAsync(i => i.Id == id && i.PaidAmount >= i.Amount, cancellationToken))
                {
                    email.Cancel(now);
                    notice?.Cancel(now);
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }

                try
                {
                    await transport.SendAsync(Letters.ToMime(email, smtp.From), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sending {MessageId} to {To} failed (attempt {Attempt})", email.MessageId, email.ToAddress, email.Attempts + 1);
                    email.Failed(e.Message);
                    notice?.Failed(e.Message);
                    await db.SaveChangesAsync(cancellationToken);
                    skipped.Add(email.Id);
                    continue;
                }

                email.MarkSent(now);
                notice?.MarkSent(now);
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
        }

        return sent;
    }
}
