using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Billing;

public class PaymentTests(BillingApp app) : IClassFixture<BillingApp>
{
    private BillingService Billing => app.Get<BillingService>();

    private InvoiceReader Invoices => app.Get<InvoiceReader>();

    private static PaymentInput Pay(decimal amount, string? key = null) =>
        new(amount, new DateOnly(2026, 11, 27), "招商银行 0001", key ?? Guid.NewGuid().ToString("N"));

    private async Task<string> StageOfAsync(int dealId)
    {
        await using var db = app.CreateDbContext();
        return await db.Deals.Where(d => d.Id == dealId).Select(d => d.Stage.Key).SingleAsync();
    }

    [Fact]
    public async Task AnInvoice_TakesTheDealToInvoiced_WithTheNextNumber()
    {
        var first = await app.InvoiceAsync(dueInDays: 30);
        var second = await app.InvoiceAsync(dueInDays: 30);

        Assert.Equal(StageKeys.Invoiced, await StageOfAsync(first.DealId));
        Assert.Matches(@"^INV-\d{4}-\d{5}$", first.Number);
        Assert.Equal(int.Parse(first.Number[^5..]) + 1, int.Parse(second.Number[^5..]));
    }

    [Fact]
    public async Task InvoicesCannotExceedTheDeal_AndOnlyFinanceOrAdminCreateThem()
    {
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Delivery, "Partial", 300_000m);
        var input = new InvoiceInput(deal.Id, 200_000m, new DateOnly(2026, 11, 27), 30, null);

        await Assert.ThrowsAsync<ForbiddenException>(() => Billing.CreateAsync(sales1, input));
        await Billing.CreateAsync(finance, input);
        var over = await Assert.ThrowsAsync<DomainException>(() => Billing.CreateAsync(finance, input));
        Assert.Equal("Error.InvoiceOverDeal", over.Code);
        await Billing.CreateAsync(finance, input with { Amount = 100_000m });
    }

    [Fact]
    public async Task PartialThenExactPayment_SettlesTheDealToPaid_AndEveryBoardHearsIt()
    {
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var invoice = await app.InvoiceAsync(dueInDays: 10, amount: 50_000m);
        var moved = new TaskCompletionSource<DealMoved>();
        using var subscription = app.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is DealMoved m && m.Card.Id == invoice.DealId && m.Card.StageKey == StageKeys.Paid)
            {
                moved.TrySetResult(m);
            }

            return Task.CompletedTask;
        });

        var partial = await Billing.RecordPaymentAsync(finance, invoice.Id, Pay(20_000m));
        Assert.Equal((true, 30_000m, false), (partial.Recorded, partial.Invoice.Balance, partial.DealPaid));
        Assert.Equal(StageKeys.Invoiced, await StageOfAsync(invoice.DealId));

        var rest = await Billing.RecordPaymentAsync(finance, invoice.Id, Pay(30_000m));

        Assert.Equal((0m, true), (rest.Invoice.Balance, rest.DealPaid));
        Assert.Equal(StageKeys.Paid, await StageOfAsync(invoice.DealId));
        Assert.Equal("LtcHub", (await moved.Task.WaitAsync(TimeSpan.FromSeconds(5))).ActorName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_000.01)]
    public async Task NonPositive_AndOverpayment_AreRefused_AndChangeNothing(decimal amount)
    {
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var invoice = await app.InvoiceAsync(dueInDays: 10);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Billing.RecordPaymentAsync(finance, invoice.Id, Pay(amount)));

        Assert.Equal(amount > 0 ? "Error.Overpayment" : "Error.PaymentNotPositive", refused.Code);
        Assert.Equal(0m, (await Invoices.DetailsAsync(finance, invoice.Id))!.Invoice.PaidAmount);
    }

    [Fact]
    public async Task TheSameSubmissionTwice_OrAtOnce_IsRecordedOnce()
    {
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var invoice = await app.InvoiceAsync(dueInDays: 10);
        var key = Guid.NewGuid().ToString("N");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Billing.RecordPaymentAsync(finance, invoice.Id, Pay(10_000m, key)))));
        var again = await Billing.RecordPaymentAsync(finance, invoice.Id, Pay(10_000m, key));

        Assert.Single(outcomes, o => o.Recorded);
        Assert.True(again.Duplicate);
        var details = (await Invoices.DetailsAsync(finance, invoice.Id))!;
        Assert.Equal((10_000m, 1), (details.Invoice.PaidAmount, details.Payments.Count));
    }

    [Fact]
    public async Task SalesRead_OnlyTheirOwnDealsInvoices_AndCannotPay()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var sales4 = await app.ActorAsync("sales4@ltchub.local");
        var invoice = await app.InvoiceAsync(dueInDays: 10);

        Assert.NotNull(await Invoices.DetailsAsync(sales1, invoice.Id));
        Assert.Null(await Invoices.DetailsAsync(sales4, invoice.Id));
        Assert.DoesNotContain(await Invoices.ListAsync(sales4, new InvoiceFilter()), r => r.Id == invoice.Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => Billing.RecordPaymentAsync(sales1, invoice.Id, Pay(1m)));
    }

    [Fact]
    public void TheInvoiceListQuery_TranslatesForSqlServer()
    {
        using var db = new LtcHub.Infrastructure.Persistence.SqlServerDesignTimeFactory().CreateDbContext([]);
        var sql = db.Invoices.Where(i => i.PaidAmount < i.Amount && i.DueDate < new DateOnly(2026, 11, 27)).ToQueryString();
        Assert.Contains("[i].[PaidAmount] < [i].[Amount]", sql);
    }
}

/// <summary>A real SMTP conversation: the dunning letter reaches the billing contact, in the account's language.</summary>
public sealed class DunningEmailTests : IAsyncLifetime
{
    private readonly SmtpInbox _inbox = new();
    private BillingApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new BillingApp { Inbox = _inbox };
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheLetter_ReachesTheBillingContact_InTheAccountsLanguage_WithNumberAmountAndDaysOverdue()
    {
        var english = await _app.InvoiceAsync(dueInDays: -8, amount: 123_456m, culture: "en-US", email: "alice@buyer.example", accountIndex: 3);
        var chinese = await _app.InvoiceAsync(dueInDays: -8, amount: 88_000m, culture: "zh-CN", email: "caiwu@buyer.example", accountIndex: 4);

        await _app.Get<DunningService>().RunAsync();
        await _app.Get<LtcHub.Infrastructure.Notifications.OutboxSender>().SendPendingAsync();
        var letters = await _inbox.WaitForAsync(2, TimeSpan.FromSeconds(10));

        var toAlice = Assert.Single(letters, m => m.To.Mailboxes.Any(a => a.Address == "alice@buyer.example"));
        Assert.Equal($"Payment reminder: invoice {english.Number}", toAlice.Subject);
        Assert.Contains("CNY 123,456.00", toAlice.TextBody);
        Assert.Contains("8 days overdue", toAlice.TextBody);
        Assert.Equal(LtcHub.Domain.Billing.DunningNotice.MessageIdFor(english.Id, 3), toAlice.MessageId);

        var toCaiwu = Assert.Single(letters, m => m.To.Mailboxes.Any(a => a.Address == "caiwu@buyer.example"));
        Assert.Equal($"付款提醒：发票 {chinese.Number}", toCaiwu.Subject);
        Assert.Contains("已逾期 8 天", toCaiwu.TextBody);
        Assert.Contains("88,000.00", toCaiwu.TextBody);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _inbox.DisposeAsync();
    }
}
