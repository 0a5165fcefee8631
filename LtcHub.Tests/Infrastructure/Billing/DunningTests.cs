using LtcHub.Domain.Billing;
using LtcHub.Domain.Notifications;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Mail;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace LtcHub.Tests.Infrastructure.Billing;

/// <summary>The dunning run on a clock the test moves; each test uses its own invoices.</summary>
public class DunningTests(BillingApp app) : IClassFixture<BillingApp>
{
    private DunningService Dunning => app.Get<DunningService>();

    private async Task<int[]> LevelsAsync(int invoiceId)
    {
        await using var db = app.CreateDbContext();
        return await db.DunningNotices.Where(n => n.InvoiceId == invoiceId).OrderBy(n => n.Level).Select(n => n.Level).ToArrayAsync();
    }

    private async Task<List<OutboxEmail>> LettersAsync(int invoiceId)
    {
        await using var db = app.CreateDbContext();
        return await db.OutboxEmails.Where(e => e.DunningInvoiceId == invoiceId).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>The app's outbox sender, but with a transport the test controls.</summary>
    private OutboxSender Sender(IEmailTransport transport) =>
        new(app.Get<IDbContextFactory<LtcHub.Infrastructure.Persistence.LtcHubDbContext>>(), transport, app.Get<SmtpOptions>(), app.Clock,
            NullLogger<OutboxSender>.Instance);

    private async Task RunOnAsync(DateOnly day)
    {
        app.SetToday(day);
        await Dunning.RunAsync();
    }

    [Fact]
    public async Task EachDefaultLevel_FiresOnItsDay_AndNotBefore()
    {
        var invoice = await app.InvoiceAsync(dueInDays: 10);
        var due = invoice.DueDate;
        var expected = new (int Offset, int[] Levels)[]
        {
            (-4, []), (-3, [1]), (0, [1]), (1, [1, 2]), (6, [1, 2]), (7, [1, 2, 3]), (14, [1, 2, 3]), (15, [1, 2, 3, 4]),
            (29, [1, 2, 3, 4]), (30, [1, 2, 3, 4, 5]), (45, [1, 2, 3, 4, 5]),
        };

        foreach (var (offset, levels) in expected)
        {
            await RunOnAsync(due.AddDays(offset));
            Assert.Equal(levels, await LevelsAsync(invoice.Id));
        }

        // Levels 1–4 are letters (one each, stable Message-IDs); level 5 is a task for Finance's collections owner.
        Assert.Equal([1, 2, 3, 4], (await LettersAsync(invoice.Id)).Select(e => e.DunningLevel!.Value));
        Assert.Equal(DunningNotice.MessageIdFor(invoice.Id, 2), (await LettersAsync(invoice.Id))[1].MessageId);
        await using var db = app.CreateDbContext();
        var finance = await app.ActorAsync("finance1@ltchub.local");
        Assert.Contains(await db.ActionItems.Where(a => a.OwnerId == finance.UserId).Select(a => a.Text).ToListAsync(), t => t.Contains(invoice.Number));

        // The deal's owner hears of it once the invoice is overdue (not for the friendly reminder before).
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var prefix = $"dunning:{invoice.Id}:";
        Assert.Equal([$"{prefix}2", $"{prefix}3", $"{prefix}4", $"{prefix}5"],
            await db.Notifications.Where(n => n.UserId == sales1.UserId && n.Key.StartsWith(prefix)).OrderBy(n => n.Key).Select(n => n.Key).ToListAsync());
    }

    [Fact]
    public async Task RepeatedAndParallelRuns_GiveOneNoticePerInvoiceAndLevel()
    {
        var invoice = await app.InvoiceAsync(dueInDays: -8);

        await Dunning.RunAsync();
        await Dunning.RunAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Dunning.RunAsync())));

        Assert.Equal(new[] { 3 }, await LevelsAsync(invoice.Id));
        Assert.Single(await LettersAsync(invoice.Id));
    }

    [Fact]
    public async Task ACrashBetweenSendAndCommit_ResendsTheSameLetter_NeverASecondNotice()
    {
        var invoice = await app.InvoiceAsync(dueInDays: -2);
        await Dunning.RunAsync();
        var delivered = new List<MimeMessage>();
        var crashing = Sender(new CrashAfterSending(delivered));
        var healthy = Sender(new Recording(delivered));

        await crashing.SendPendingAsync();
        Assert.Null((await LettersAsync(invoice.Id)).Single().SentAtUtc);
        await Dunning.RunAsync();
        await healthy.SendPendingAsync();

        var mine = delivered.Where(m => m.MessageId == DunningNotice.MessageIdFor(invoice.Id, 2)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal(mine[0].TextBody, mine[1].TextBody);
        Assert.Equal(new[] { 2 }, await LevelsAsync(invoice.Id));
        Assert.NotNull((await LettersAsync(invoice.Id)).Single().SentAtUtc);
    }

    [Fact]
    public async Task APaymentBeforeTheRun_OrBeforeTheSend_MeansNoLetter()
    {
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var billing = app.Get<BillingService>();
        var paidFirst = await app.InvoiceAsync(dueInDays: -3);
        var paidBetween = await app.InvoiceAsync(dueInDays: -3);
        await billing.RecordPaymentAsync(finance, paidFirst.Id, new PaymentInput(paidFirst.Amount, app.Today, "BANK-1", Guid.NewGuid().ToString()));

        await Dunning.RunAsync();
        await billing.RecordPaymentAsync(finance, paidBetween.Id, new PaymentInput(paidBetween.Amount, app.Today, "BANK-2", Guid.NewGuid().ToString()));
        var delivered = new List<MimeMessage>();
        await Sender(new Recording(delivered)).SendPendingAsync();

        Assert.Empty(await LevelsAsync(paidFirst.Id));
        Assert.DoesNotContain(delivered, m => m.MessageId!.StartsWith($"dunning-{paidBetween.Id}-", StringComparison.Ordinal));
        var letter = Assert.Single(await LettersAsync(paidBetween.Id));
        Assert.NotNull(letter.CancelledAtUtc);
    }

    [Fact]
    public async Task AfterDaysOfDowntime_OneCatchUp_WithTheHighestLevelOnly()
    {
        var invoice = await app.InvoiceAsync(dueInDays: 5);

        await RunOnAsync(invoice.DueDate.AddDays(20));

        Assert.Equal(new[] { 4 }, await LevelsAsync(invoice.Id));
    }

    [Fact]
    public async Task APausedAccount_AndAnAmountUnderTheTolerance_GetNothing()
    {
        var start = app.Today;
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var paused = await app.InvoiceAsync(dueInDays: -9, accountIndex: 7);
        var small = await app.InvoiceAsync(dueInDays: -9, amount: 8m, accountIndex: 8);
        await app.Get<DunningSettingsService>().PauseDunningAsync(finance, paused.AccountId, app.Today.AddDays(2));

        await Dunning.RunAsync();
        Assert.Empty(await LevelsAsync(paused.Id));
        Assert.Empty(await LevelsAsync(small.Id));

        await RunOnAsync(start.AddDays(3));
        Assert.Equal(new[] { 3 }, await LevelsAsync(paused.Id));
        Assert.Empty(await LevelsAsync(small.Id));
    }

    [Fact]
    public async Task AnAccountWithItsOwnPolicy_IsDunnedByIt()
    {
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var billing = app.Get<DunningSettingsService>();
        var gentle = await billing.CreatePolicyAsync(finance, "Key accounts 重点客户");
        await billing.UpdatePolicyAsync(finance, gentle.Id, gentle.ToleranceAmount, gentle.Levels.Select(l => l.Level switch
        {
            1 => l with { Automatic = false },
            2 => l with { OffsetDays = 10 },
            _ => l with { OffsetDays = l.OffsetDays + 20 },
        }).ToList());
        var keyAccount = await app.InvoiceAsync(dueInDays: -8, accountIndex: 11);
        var ordinary = await app.InvoiceAsync(dueInDays: -8, accountIndex: 12);
        await billing.SetAccountPolicyAsync(finance, keyAccount.AccountId, gentle.Id);

        await Dunning.RunAsync();

        Assert.Empty(await LevelsAsync(keyAccount.Id));
        Assert.Equal(new[] { 3 }, await LevelsAsync(ordinary.Id));
        await RunOnAsync(app.Today.AddDays(2));
        Assert.Equal(new[] { 2 }, await LevelsAsync(keyAccount.Id));
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        await Assert.ThrowsAsync<LtcHub.Domain.Common.ForbiddenException>(() => billing.SetAccountPolicyAsync(sales1, keyAccount.AccountId, null));
    }

    private sealed class Recording(List<MimeMessage> delivered) : IEmailTransport
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            lock (delivered)
            {
                delivered.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>The letter leaves, then the process "dies" before it can record that.</summary>
    private sealed class CrashAfterSending(List<MimeMessage> delivered) : IEmailTransport
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            lock (delivered)
            {
                delivered.Add(message);
            }

            throw new IOException("process killed after the SMTP server accepted the letter");
        }
    }
}
