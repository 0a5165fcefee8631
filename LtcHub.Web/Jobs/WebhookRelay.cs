using Hangfire;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Webhooks;

namespace LtcHub.Web.Jobs;

/// <summary>Asks Hangfire to send due webhooks now (the minutely job catches up whatever this misses).</summary>
public sealed class WebhookQueue(IBackgroundJobClient jobs)
{
    public void SendSoon() => jobs.Enqueue<LtcHubJobs>(j => j.WebhooksAsync(CancellationToken.None));
}

/// <summary>
/// Listens to the bus for the whole app's life: what happened becomes stored deliveries (<see cref="WebhookDispatcher"/>),
/// and the sender is woken at once, so a subscriber hears of a move within seconds.
/// </summary>
public sealed class WebhookRelay(IBoardEvents events, WebhookDispatcher dispatcher, WebhookQueue queue, ILogger<WebhookRelay> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(async e =>
        {
            if (WebhookDispatcher.EventsOf(e).Count == 0)
            {
                return;
            }

            var stored = await dispatcher.DispatchAsync(e);
            if (stored > 0)
            {
                logger.LogDebug("{Count} webhook deliveries stored for {Event}", stored, e.GetType().Name);
                queue.SendSoon();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
