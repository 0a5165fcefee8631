using System.Collections.Immutable;
using LtcHub.Infrastructure.Diagnostics;
using LtcHub.Infrastructure.Events;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>What changed on the shared board: the new snapshot, the columns and deals it touched, and why.</summary>
/// <param name="Everything">Every column changed (new stages, a reload): views rebuild instead of patching.</param>
public sealed record BoardChange(BoardSnapshot Board, BoardEvent? Cause, ImmutableHashSet<string> Stages, ImmutableHashSet<int> Deals, bool Everything = false);

/// <summary>
/// The board every open board of this instance reads: one <see cref="BoardSnapshot"/>, loaded once when
/// the first board opens (others opening meanwhile wait for that one load), then kept current by the bus —
/// each event applied once here, not once per circuit — and handed on to the open boards as a
/// <see cref="BoardChange"/> after it is applied, so a view never sees an event before the snapshot has it.
/// A snapshot older than <see cref="MaxAge"/> is read again in the background when a board opens, which
/// bounds how long a change that was never announced (a lost message between instances) can stay unseen.
/// </summary>
public sealed class BoardStore : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly BoardReader _reader;
    private readonly IBoardEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger<BoardStore> _logger;
    private readonly Subscribers<BoardChange> _subscribers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IDisposable? _busSubscription;
    private BoardSnapshot? _current;
    private int _refreshing;

    public BoardStore(BoardReader reader, IBoardEvents events, TimeProvider time, ILogger<BoardStore> logger, LtcHubMetrics? metrics = null)
    {
        _reader = reader;
        _events = events;
        _time = time;
        _logger = logger;
        _subscribers = new Subscribers<BoardChange>(logger, metrics, "board");
    }

    /// <summary>Open boards following the store.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>How many times the cards were read from the database (one per instance, plus refreshes).</summary>
    public int Loads { get; private set; }

    /// <summary>The board now: loaded on first use, shared afterwards.</summary>
    public async Task<BoardSnapshot> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _current) is { } current)
        {
            if (_time.GetUtcNow().UtcDateTime - current.LoadedAtUtc > MaxAge)
            {
                _ = RefreshAsync();
            }

            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Listen before reading, so a change committed after the read still arrives (and one before it is ignored by version).
            _busSubscription ??= _events.Subscribe(OnEventAsync);
            return _current ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Follows the board's changes; dispose to stop. The handler runs on its own task, in the caller's culture.</summary>
    public IDisposable Subscribe(Func<BoardChange, Task> handler) => _subscribers.Add(handler);

    /// <summary>Reads the whole board again (at most one read at a time) and tells every open board.</summary>
    public async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            await _gate.WaitAsync();
            try
            {
                _current = await LoadAsync(CancellationToken.None);
            }
            finally
            {
                _gate.Release();
            }

            _subscribers.Publish(new BoardChange(_current, null, [], [], Everything: true));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Reading the board again failed; the snapshot in memory stays");
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<BoardSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var stages = await _reader.StagesAsync(cancellationToken);
        var cards = await _reader.CardsAsync(cancellationToken);
        Loads++;
        return BoardSnapshot.Create(stages, cards, now);
    }

    private async Task OnEventAsync(BoardEvent boardEvent)
    {
        if (!Affects(boardEvent))
        {
            return;
        }

        BoardChange? change;
        await _gate.WaitAsync();
        try
        {
            if (_current is not { } board)
            {
                return;
            }

            change = await ApplyAsync(board, boardEvent);
            if (change is not null)
            {
                _current = change.Board;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (change is not null)
        {
            _subscribers.Publish(change);
        }
    }

    private static bool Affects(BoardEvent boardEvent) =>
        boardEvent is DealMoved or DealCreated or DealEdited or CardRefreshed or DunningLevelsReached or StagesChanged or DealsImported;

    private async Task<BoardChange?> ApplyAsync(BoardSnapshot board, BoardEvent boardEvent)
    {
        IEnumerable<DealCard> cards;
        switch (boardEvent)
        {
            case DealsImported:
                return new BoardChange(await LoadAsync(CancellationToken.None), boardEvent, [], [], Everything: true);
            case StagesChanged:
                var stages = await _reader.StagesAsync();
                return new BoardChange(board.WithStages(stages), boardEvent, [], [], Everything: true);
            case DealMoved moved:
                cards = [moved.Card];
                break;
            case DealCreated created:
                cards = [created.Card];
                break;
            case DealEdited edited:
                cards = [edited.Card];
                break;
            case CardRefreshed refreshed:
                // What the card shows changed without the deal's version moving on: taken unless a newer version is held.
                cards = [refreshed.Card];
                break;
            case DunningLevelsReached levels:
                cards = levels.LevelByDealId
                    .Where(l => board.Cards.ContainsKey(l.Key))
                    .Select(l => board.Cards[l.Key] is var held && held.DunningLevel >= l.Value ? held : held with { DunningLevel = l.Value });
                break;
            default:
                return null;
        }

        var next = board.With(cards, out var touched, out var deals);
        return ReferenceEquals(next, board) ? null : new BoardChange(next, boardEvent, touched, deals);
    }

    public void Dispose()
    {
        _busSubscription?.Dispose();
        _gate.Dispose();
    }
}
