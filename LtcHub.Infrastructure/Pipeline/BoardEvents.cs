using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>Something that happened on the board, published after it committed.</summary>
public abstract record BoardEvent;

/// <summary>A deal changed stage. <see cref="Card"/> is its committed state.</summary>
public sealed record DealMoved(DealCard Card, string FromStageKey, string ActorId, string ActorName) : BoardEvent;

/// <summary>A deal's fields changed (not its stage).</summary>
public sealed record DealEdited(DealCard Card, string ActorId, string ActorName) : BoardEvent;

/// <summary>An admin changed the pipeline's stages.</summary>
public sealed record StagesChanged(string ActorName) : BoardEvent;

/// <summary>Who has the board open, and who is editing which card.</summary>
public sealed record PresenceChanged(IReadOnlyList<PresentUser> Present) : BoardEvent;

public sealed record PresentUser(string UserId, string DisplayName, int? EditingDealId);

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

public sealed class InProcessBoardEvents(ILogger<InProcessBoardEvents> logger) : IBoardEvents
{
    private ImmutableArray<Func<BoardEvent, Task>> _handlers = [];

    public int SubscriberCount => _handlers.Length;

    public Task PublishAsync(BoardEvent boardEvent)
    {
        // Each circuit applies the event on its own dispatcher; a slow one never holds up the publisher.
        foreach (var handler in _handlers)
        {
            _ = DeliverAsync(handler, boardEvent);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<BoardEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    private async Task DeliverAsync(Func<BoardEvent, Task> handler, BoardEvent boardEvent)
    {
        try
        {
            await handler(boardEvent);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A board subscriber failed on {Event}", boardEvent.GetType().Name);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
