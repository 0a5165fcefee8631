using System.Net;
using System.Text.Json;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Contracts;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Webhooks;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Jobs;

/// <summary>Webhooks through the real app: the bus, stored deliveries, Hangfire's sender, a real HTTP receiver on 127.0.0.1.</summary>
public class WebhookTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private int? _firstEndpoint;

    private WebhookService Webhooks => app.Get<WebhookService>();

    private async Task<WebhookEndpointView> EndpointAsync(string url, string ownerEmail, params string[] events)
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var owner = await app.ActorAsync(ownerEmail);
        var id = await Webhooks.CreateAsync(admin, url, events, owner.UserId);
        _firstEndpoint ??= id;
        await using (var db = app.CreateDbContext())
        {
            // Each test (a new instance of this class) hears only its own endpoints: earlier tests' receivers are gone.
            var first = _firstEndpoint.Value;
            var earlier = db.WebhookEndpoints.Where(e => e.Id < first).Select(e => e.Id);
            await db.WebhookEndpoints.Where(e => e.Id < first).ExecuteUpdateAsync(e => e.SetProperty(x => x.Active, false));
            await db.WebhookDeliveries.Where(d => earlier.Contains(d.EndpointId)).ExecuteUpdateAsync(d => d.SetProperty(x => x.NextAttemptAtUtc, (DateTime?)null));
        }

        return (await Webhooks.ListAsync(admin)).Single(e => e.Id == id);
    }

    private static async Task<List<WebhookReceiver.Received>> WaitForAsync(WebhookReceiver receiver, Func<WebhookReceiver.Received, bool> match, int count = 1)
    {
        for (var i = 0; i < 300; i++)
        {
            var found = receiver.Requests.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{count} matching webhook(s) did not arrive; got {receiver.Requests.Count}: "
            + string.Join(", ", receiver.Requests.Select(r => r.Event)));
    }

    [Fact]
    public async Task AWonDeal_ReachesTheReceiver_AsDealMovedAndDealWon_SignedWithTheEndpointsSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await EndpointAsync(receiver.Url, "admin@ltchub.local", WebhookEvents.DealMoved, WebhookEvents.DealWon);
        var card = await app.SignContractAsync(await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "推送赢单商机"));

        var outcome = await app.Get<PipelineService>().MoveAsync(await app.ActorAsync("sales1@ltchub.local"), card.Id, card.Version, StageKeys.Won,
            new StageEntryInput(CloseDate: DateOnly.FromDateTime(DateTime.UtcNow)));

        Assert.True(outcome.Succeeded, outcome.Error?.Code);
        var got = await WaitForAsync(receiver, r => r.Body.Contains("推送赢单商机"), 2);
        Assert.Equal([WebhookEvents.DealMoved, WebhookEvents.DealWon], got.Select(r => r.Event).Order());
        foreach (var request in got)
        {
            Assert.Equal(WebhookSender.Sign(endpoint.Secret, request.Timestamp, request.Body), request.Signature);
            Assert.NotEqual(WebhookSender.Sign("another secret", request.Timestamp, request.Body), request.Signature);
            var payload = JsonDocument.Parse(request.Body).RootElement;
            Assert.Equal(request.Delivery, payload.GetProperty("id").GetString());
            Assert.Equal(StageKeys.Won, payload.GetProperty("data").GetProperty("to").GetString());
            Assert.Equal(StageKeys.Negotiation, payload.GetProperty("data").GetProperty("from").GetString());
        }

        var log = await Webhooks.DeliveriesAsync(await app.ActorAsync("admin@ltchub.local"), endpoint.Id);
        Assert.All(log, l => Assert.Equal((WebhookDeliveryState.Delivered, 200), (l.State, l.LastStatusCode!.Value)));
    }

    [Fact]
    public async Task AReceiverThatFails_IsRetriedLaterWithTheSameDeliveryId_AndARedeliverySendsItAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 1;
        var endpoint = await EndpointAsync(receiver.Url, "admin@ltchub.local", WebhookEvents.LeadCreated);
        var admin = await app.ActorAsync("admin@ltchub.local");

        await app.CreateDealAsync("sales2@ltchub.local", StageKeys.Lead, "推送重试线索");

        var first = (await WaitForAsync(receiver, r => r.Body.Contains("推送重试线索"))).Single();
        Assert.Equal(HttpStatusCode.InternalServerError, first.Answered);
        WebhookDeliveryLine line = null!;
        for (var i = 0; i < 100 && line?.Attempts != 1; i++)
        {
            line = (await Webhooks.DeliveriesAsync(admin, endpoint.Id)).Single();
            await Task.Delay(50);
        }

        Assert.Equal((WebhookDeliveryState.Retrying, 500), (line.State, line.LastStatusCode!.Value));
        Assert.InRange((line.NextAttemptAtUtc!.Value - line.LastAttemptAtUtc!.Value).TotalSeconds, 59, 61);
        Assert.Equal(0, await app.Get<WebhookSender>().SendDueAsync()); // not due before its backoff is over

        await Webhooks.RedeliverAsync(admin, line.Id);
        Assert.Equal(1, await app.Get<WebhookSender>().SendDueAsync());

        var both = receiver.Requests.Where(r => r.Body.Contains("推送重试线索")).ToList();
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.OK], both.Select(r => r.Answered));
        Assert.Single(both.Select(r => r.Delivery).Distinct());
        var after = (await Webhooks.DeliveriesAsync(admin, endpoint.Id)).Single();
        Assert.Equal((WebhookDeliveryState.Delivered, 2), (after.State, after.Attempts));
    }

    [Fact]
    public async Task AnInvoiceGoesOnlyToEndpointsWhoseUserMayReadIt_AndAPaymentCarriesThePayment()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var outsiderReceiver = await WebhookReceiver.StartAsync();
        await EndpointAsync(receiver.Url, "finance1@ltchub.local", WebhookEvents.InvoiceIssued, WebhookEvents.PaymentRecorded);
        var outsider = await EndpointAsync(outsiderReceiver.Url, "sales4@ltchub.local", WebhookEvents.InvoiceIssued, WebhookEvents.PaymentRecorded);
        var card = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Delivery, "推送发票商机", 20_000m);
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var billing = app.Get<BillingService>();

        var invoice = await billing.CreateAsync(finance, new InvoiceInput(card.Id, 20_000m, DateOnly.FromDateTime(DateTime.UtcNow), 30, null));
        await billing.RecordPaymentAsync(finance, invoice.Id, new PaymentInput(5_000m, DateOnly.FromDateTime(DateTime.UtcNow), "首付款", Guid.NewGuid().ToString()));

        var got = await WaitForAsync(receiver, r => r.Body.Contains(invoice.Number), 2);
        var payment = JsonDocument.Parse(got.Single(r => r.Event == WebhookEvents.PaymentRecorded).Body).RootElement.GetProperty("data");
        Assert.Equal(5_000m, payment.GetProperty("payment").GetProperty("amount").GetDecimal());
        Assert.Equal(15_000m, payment.GetProperty("invoice").GetProperty("balance").GetDecimal());
        await Task.Delay(500);
        Assert.DoesNotContain(outsiderReceiver.Requests, r => r.Body.Contains(invoice.Number));
        Assert.Empty(await Webhooks.DeliveriesAsync(await app.ActorAsync("admin@ltchub.local"), outsider.Id));
    }

    [Fact]
    public async Task TheSameEventSeenTwice_IsStoredOnce()
    {
        var endpoint = await EndpointAsync("http://127.0.0.1:9/ltchub", "admin@ltchub.local", WebhookEvents.LeadCreated);
        await Webhooks.UpdateAsync(await app.ActorAsync("admin@ltchub.local"), endpoint.Id, endpoint.Version, endpoint.Url, endpoint.Events, active: false);
        await using (var db = app.CreateDbContext())
        {
            // Switched off so the app's own relay stores nothing; switched on again for the direct dispatch below.
            await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.Active, true));
        }

        var card = (await app.Get<BoardReader>().CardsAsync()).First();
        var dispatcher = app.Get<WebhookDispatcher>();

        var stored = await dispatcher.DispatchAsync(new DealCreated(card, "x", "x")) + await dispatcher.DispatchAsync(new DealCreated(card, "x", "x"));

        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task OnlyAnAdmin_ManagesWebhooks_AndABadAddressOrNoEventIsRefused()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var before = (await Webhooks.ListAsync(admin)).Count;

        await Assert.ThrowsAsync<ForbiddenException>(() => Webhooks.CreateAsync(
            app.ActorAsync("salesmgr1@ltchub.local").Result, "http://127.0.0.1:9/x", [WebhookEvents.DealWon], null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Webhooks.ListAsync(app.ActorAsync("finance1@ltchub.local").Result));
        var badUrl = await Assert.ThrowsAsync<DomainException>(() => Webhooks.CreateAsync(admin, "ftp://127.0.0.1/x", [WebhookEvents.DealWon], null));
        var noEvent = await Assert.ThrowsAsync<DomainException>(() => Webhooks.CreateAsync(admin, "http://127.0.0.1:9/x", [], null));

        Assert.Equal(("Error.WebhookUrl", "Error.WebhookEvents"), (badUrl.Code, noEvent.Code));
        Assert.Equal(before, (await Webhooks.ListAsync(admin)).Count);
    }
}
