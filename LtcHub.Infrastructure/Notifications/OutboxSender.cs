using LtcHub.Domain.Notifications;
using LtcHub.Infrastructure.Mail;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Notifications;

/// <summary>
/// Sends what the outbox holds: each letter is sent, then marked sent. A crash in between means it is
/// sent again — with the same Message-ID, so it is the same letter. A dunning letter whose invoice
/// was paid in the meantime is cancelled instead.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<LtcHubDbContext> contexts,
    IEmailTransport transport,
    SmtpOptions smtp,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    public const int MaxAttempts = 10;

    /// <returns>How many letters left.</returns>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var failedNow = new List<long>(); // one attempt per letter per call: a failing server is retried on the next run, not in a loop
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.OutboxEmails
                .Where(e => e.SentAtUtc == null && e.CancelledAtUtc == null && e.Attempts < MaxAttempts && !failedNow.Contains(e.Id))
                .OrderBy(e => e.Id).Take(200).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var email in batch)
            {
                var now = time.GetUtcNow().UtcDateTime;
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
                    failedNow.Add(email.Id);
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
