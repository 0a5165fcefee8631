using LtcHub.Infrastructure.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Events;

/// <summary>The bus inside one app instance: each subscriber applies an event on its own task.</summary>
public sealed class InProcessBoardEvents(ILogger<InProcessBoardEvents> logger, LtcHubMetrics? metrics = null) : IBoardEvents
{
    private readonly Subscribers<BoardEvent> _subscribers = new(logger, metrics, "bus");

    public int SubscriberCount => _subscribers.Count;

    public Task PublishAsync(BoardEvent boardEvent)
    {
        metrics?.Published(boardEvent);
        _subscribers.Publish(boardEvent);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<BoardEvent, Task> handler) => _subscribers.Add(handler);
}
