using LtcHub.Domain.Notifications;
using LtcHub.Infrastructure.Mail;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace LtcHub.Tests.Infrastructure.Billing;

/// <summary>
/// Several app instances run the outbox job at once (Hangfire on in-memory storage runs it on each): every letter is
/// claimed in the database before it is sent, so each leaves once — checked on a real SQLite file with two senders racing.
/// </summary>
public class OutboxClaimTests(BillingApp app) : IClassFixture<BillingApp>
{
    [Fact]
    public async Task TwoSendersAtOnce_SendEachLetterOnce()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < 40; i++)
            {
                db.OutboxEmails.Add(new OutboxEmail($"<{tag}-{i}@ltchub.test>", $"c{i}@example.com", $"Customer {i}", "Hello", "Body", app.Clock.GetUtcNow().UtcDateTime));
            }

            await db.SaveChangesAsync();
        }

        var delivered = new List<MimeMessage>();
        var first = Sender(new Slow(delivered));
        var second = Sender(new Slow(delivered));

        await Task.WhenAll(Task.Run(() => first.SendPendingAsync()), Task.Run(() => second.SendPendingAsync()));

        var mine = delivered.Where(m => m.MessageId?.StartsWith(tag, StringComparison.Ordinal) == true).Select(m => m.MessageId).ToList();
        Assert.Equal(40, mine.Count);
        Assert.Equal(40, mine.Distinct().Count());
        await using var check = app.CreateDbContext();
        Assert.Equal(40, await check.OutboxEmails.CountAsync(e => e.MessageId.StartsWith("<" + tag) && e.SentAtUtc != null && e.Attempts == 0));
    }

    [Fact]
    public async Task ALetterClaimedByAnotherSender_WaitsUntilTheClaimRunsOut()
    {
        var messageId = $"<{Guid.NewGuid():N}@ltchub.test>";
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await using (var db = app.CreateDbContext())
        {
            var letter = new OutboxEmail(messageId, "held@example.com", "Held", "Hello", "Body", now);
            letter.Claimed(now + OutboxSender.ClaimFor);       // another instance holds it (and may have died holding it)
            db.OutboxEmails.Add(letter);
            await db.SaveChangesAsync();
        }

        var delivered = new List<MimeMessage>();
        await Sender(new Slow(delivered)).SendPendingAsync();
        Assert.DoesNotContain(delivered, m => "<" + m.MessageId + ">" == messageId);

        app.Clock.Advance(OutboxSender.ClaimFor + TimeSpan.FromSeconds(1));
        await Sender(new Slow(delivered)).SendPendingAsync();
        Assert.Single(delivered, m => "<" + m.MessageId + ">" == messageId);
    }

    private OutboxSender Sender(IEmailTransport transport) =>
        new(app.Get<IDbContextFactory<LtcHubDbContext>>(), transport, app.Get<SmtpOptions>(), app.Clock, NullLogger<OutboxSender>.Instance);

    /// <summary>Takes a moment per letter, as an SMTP conversation does, so the two senders overlap.</summary>
    private sealed class Slow(List<MimeMessage> delivered) : IEmailTransport
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            lock (delivered)
            {
                delivered.Add(message);
            }
        }
    }
}
