using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Events;

/// <summary>The bus inside one app instance: each subscriber applies an event on its own task.</summary>
public sealed class InProcessBoardEvents(ILogger<InProcessBoardEvents> logger) : IBoardEvents
{
    private readonly Subscribers<BoardEvent> _subscribers = new(logger);

    public int SubscriberCount => _subscribers.Count;

    public Task PublishAsync(BoardEvent boardEvent)
    {
        _subscribers.Publish(boardEvent);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<BoardEvent, Task> handler) => _subscribers.Add(handler);
}
