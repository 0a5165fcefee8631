using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using LtcHub.Infrastructure.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Events;

/// <summary>
/// Handlers that each receive every published item on their own task, in the culture they subscribed in
/// (an alert renders in the reader's language, not the publisher's). A slow or failing handler never holds
/// up the publisher or the others; a failure is logged. Used by the bus and by the shared board; with
/// <paramref name="metrics"/>, each delivery's time from publication is recorded under <paramref name="channel"/>.
/// </summary>
public sealed class Subscribers<T>(ILogger logger, LtcHubMetrics? metrics = null, string channel = "")
{
    private ImmutableArray<Subscriber> _subscribers = [];

    public int Count => _subscribers.Length;

    /// <summary>Adds a handler; dispose the result to remove it (disposing twice is harmless).</summary>
    public IDisposable Add(Func<T, Task> handler)
    {
        var subscriber = new Subscriber(handler, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(subscriber));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(subscriber)));
    }

    public void Publish(T item)
    {
        var publishedAt = Stopwatch.GetTimestamp();
        foreach (var subscriber in _subscribers)
        {
            _ = DeliverAsync(subscriber, item, publishedAt);
        }
    }

    private async Task DeliverAsync(Subscriber subscriber, T item, long publishedAt)
    {
        try
        {
            CultureInfo.CurrentCulture = subscriber.Culture;
            CultureInfo.CurrentUICulture = subscriber.UiCulture;
            await subscriber.Handler(item);
            metrics?.Delivered(channel, publishedAt);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A subscriber failed on {Item}", item?.GetType().Name);
        }
    }

    private sealed record Subscriber(Func<T, Task> Handler, CultureInfo Culture, CultureInfo UiCulture);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
