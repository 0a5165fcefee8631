namespace LtcHub.Infrastructure.Events;

/// <summary>
/// The one bus every open board listens to. The default is in-process; a Redis implementation
/// carries the same events between several app instances.
/// </summary>
public interface IBoardEvents
{
    Task PublishAsync(BoardEvent boardEvent);

    /// <summary>Subscribes; dispose the result to unsubscribe.</summary>
    IDisposable Subscribe(Func<BoardEvent, Task> handler);

    int SubscriberCount { get; }
}
