using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>Something that happened on the board, published after it committed.</summary>
public abstract record BoardEvent;

/// <summary>A deal changed stage. <see cref="Card"/> is its committed state.</summary>
public sealed record DealMoved(DealCard Card, string FromStageKey, string ActorId, string ActorName) : BoardEvent;

/// <summary>A new deal entered the board (in its first stage).</summary>
public sealed record DealCreated(DealCard Card, string ActorId, string ActorName) : BoardEvent;

/// <summary>A deal's fields changed (not its stage).</summary>
public sealed record DealEdited(DealCard Card, string ActorId, string ActorName) : BoardEvent;

/// <summary>A quote of a deal was created or changed (its drawer and quote lists reload it).</summary>
public sealed record QuoteChanged(int DealId, int QuoteId, Domain.Quotes.QuoteStatus Status, string ActorName) : BoardEvent;

/// <summary>A deal's contract or payment plan changed, or an invoice was issued or paid against it.</summary>
public sealed record ContractChanged(int DealId, string ActorName) : BoardEvent;

/// <summary>What a card shows changed without the deal itself changing (its plan collected, a dunning level reached).</summary>
public sealed record CardRefreshed(DealCard Card) : BoardEvent;

/// <summary>An invoice was issued, or a payment recorded on one (invoice lists reload; the deal's card follows as its own event).</summary>
public sealed record InvoiceChanged(int DealId, int InvoiceId, string ActorName) : BoardEvent;

/// <summary>A dunning run reached new levels: the deals' cards show the highest open level (carried here, no query per board).</summary>
public sealed record DunningLevelsReached(IReadOnlyDictionary<int, int> LevelByDealId) : BoardEvent;

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
    private ImmutableArray<Subscriber> _subscribers = [];

    public int SubscriberCount => _subscribers.Length;

    public Task PublishAsync(BoardEvent boardEvent)
    {
        // Each circuit applies the event on its own dispatcher; a slow one never holds up the publisher.
        foreach (var subscriber in _subscribers)
        {
            _ = DeliverAsync(subscriber, boardEvent);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<BoardEvent, Task> handler)
    {
        // Remember the subscriber's language: the event must render in it, not in the publisher's.
        var subscriber = new Subscriber(handler, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(subscriber));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(subscriber)));
    }

    private async Task DeliverAsync(Subscriber subscriber, BoardEvent boardEvent)
    {
        try
        {
            CultureInfo.CurrentCulture = subscriber.Culture;
            CultureInfo.CurrentUICulture = subscriber.UiCulture;
            await subscriber.Handler(boardEvent);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A board subscriber failed on {Event}", boardEvent.GetType().Name);
        }
    }

    private sealed record Subscriber(Func<BoardEvent, Task> Handler, CultureInfo Culture, CultureInfo UiCulture);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>Something in a meeting changed (focus, facilitator, agenda, notes, actions, status): its rooms reload it.</summary>
public sealed record MeetingChanged(int MeetingId, string ActorName) : BoardEvent;

/// <summary>Who is in a meeting's room now.</summary>
public sealed record MeetingPresenceChanged(int MeetingId, IReadOnlyList<PresentUser> Present) : BoardEvent;

/// <summary>These sessions of a user were ended (signed out, a new password, new roles, disabled): their circuits leave.</summary>
public sealed record SessionsEnded(string UserId, IReadOnlyList<string> SessionIds) : BoardEvent;

/// <summary>A person's notifications changed; <see cref="Toast"/> is the new alert's text (null when only read state changed).</summary>
public sealed record NotificationsChanged(string UserId, string? Toast) : BoardEvent;
