using System.Collections.Immutable;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>One column as one person sees it: the cards their filter lets through (up to their limit), and the sums over them.</summary>
public sealed record BoardColumnView(BoardStage Stage, IReadOnlyList<DealCard> Cards, ColumnTotals Totals, int Hidden);

/// <summary>
/// One person's board: the shared snapshot seen through their filter and column limits, plus their own
/// moves while they are under way (shown at once, ahead of the shared board, until it catches up). Plain C#:
/// a change rebuilds only the columns it touched and returns their keys, so the page re-renders just those.
/// </summary>
public sealed class BoardView(Actor viewer, BoardFilter filter)
{
    public const int CardsPerColumn = 50;

    // This person's moves under way (pending) and outcomes the shared board has not caught up with yet.
    private readonly Dictionary<int, DealCard> _own = [];
    private readonly HashSet<int> _pending = [];
    private readonly Dictionary<string, int> _limits = [];
    private Dictionary<string, BoardColumnView> _columns = [];

    public BoardSnapshot Board { get; private set; } = BoardSnapshot.Empty;

    public BoardFilter Filter { get; private set; } = filter;

    public IReadOnlyList<BoardStage> Stages => Board.Stages;

    public IEnumerable<BoardColumnView> Columns => Board.Stages.Select(s => _columns[s.Key]);

    public ImmutableArray<(string Id, string Name)> Owners => Board.Owners;

    /// <summary>Won deals waiting for Ops, longest first, this person's own accepts already taken out (the queue ignores the filter).</summary>
    public IReadOnlyList<DealCard> HandoffWaiting => _own.Count == 0 ? Board.HandoffWaiting
        : Merged(StageKeys.Won).OrderBy(c => c.EnteredStageAtUtc).ThenBy(c => c.Id).ToList();

    public BoardColumnView Column(string stageKey) => _columns[stageKey];

    public BoardStage StageOf(DealCard card) => Board.Stage(card.StageKey) ?? Board.Stages[0];

    /// <summary>The card as this person should see it now.</summary>
    public DealCard? Card(int dealId) => _own.GetValueOrDefault(dealId) ?? Board.Cards.GetValueOrDefault(dealId);

    /// <summary>A column's totals over every card, whatever the filter hides (Ops plan against the real load).</summary>
    public ColumnTotals AllTotalsOf(string stageKey) => _own.Count == 0 ? Board.TotalsOf(stageKey)
        : Board.Stage(stageKey) is { } stage ? ColumnTotals.Of(stage, Merged(stageKey)) : new ColumnTotals(0, 0, 0);

    public void Load(BoardSnapshot board)
    {
        Board = board;
        _columns = board.Stages.ToDictionary(s => s.Key, Build);
    }

    /// <summary>Takes a change of the shared board; returns the columns that look different to this person.</summary>
    public IReadOnlySet<string> Apply(BoardChange change)
    {
        var previous = Board;
        Board = change.Board;
        var caughtUp = _own.Where(o => !_pending.Contains(o.Key) && Board.Cards.GetValueOrDefault(o.Key) is { } shared && shared.Version >= o.Value.Version)
            .Select(o => o.Value).ToList();
        foreach (var card in caughtUp)
        {
            _own.Remove(card.Id);
        }

        if (change.Everything || !previous.Stages.SequenceEqual(Board.Stages))
        {
            Load(Board);
            return Board.Stages.Select(s => s.Key).ToHashSet();
        }

        var touched = change.Stages.Concat(caughtUp.Select(c => c.StageKey))
            .Concat(caughtUp.Select(c => Board.Cards.GetValueOrDefault(c.Id)?.StageKey).OfType<string>())
            .Where(_columns.ContainsKey).ToHashSet();
        return Rebuild(touched);
    }

    public IReadOnlySet<string> SetFilter(BoardFilter filter)
    {
        Filter = filter;
        return Rebuild(_columns.Keys.ToHashSet());
    }

    public IReadOnlySet<string> ShowMore(string stageKey)
    {
        _limits[stageKey] = _limits.GetValueOrDefault(stageKey, CardsPerColumn) + CardsPerColumn;
        return Rebuild([stageKey]);
    }

    /// <summary>This person started moving a card: it shows in its new column at once.</summary>
    public IReadOnlySet<string> BeginMove(DealCard card, string targetKey)
    {
        var from = Card(card.Id)?.StageKey ?? card.StageKey;
        _own[card.Id] = (Card(card.Id) ?? card) with { StageKey = targetKey };
        _pending.Add(card.Id);
        return Rebuild([from, targetKey]);
    }

    /// <summary>The move (or edit) is over: the card is where it truly is, kept ahead of the shared board until that catches up.</summary>
    public IReadOnlySet<string> Settle(DealCard truth)
    {
        var before = Card(truth.Id)?.StageKey;
        _pending.Remove(truth.Id);
        if (Board.Cards.GetValueOrDefault(truth.Id) is { } shared && shared.Version >= truth.Version)
        {
            _own.Remove(truth.Id);
        }
        else
        {
            _own[truth.Id] = truth;
        }

        return Rebuild(new[] { before, Card(truth.Id)?.StageKey }.OfType<string>().ToHashSet());
    }

    private IReadOnlySet<string> Rebuild(HashSet<string> keys)
    {
        keys.IntersectWith(_columns.Keys);
        foreach (var key in keys)
        {
            _columns[key] = Build(Board.Stage(key)!);
        }

        return keys;
    }

    private BoardColumnView Build(BoardStage stage)
    {
        var everything = Filter == BoardFilter.Everything;
        var cards = _own.Count == 0 ? Board.CardsIn(stage.Key).AsEnumerable() : Merged(stage.Key).Order(BoardSnapshot.Order);
        var visible = everything ? cards.ToList() : cards.Where(c => Filter.Matches(c, viewer)).ToList();
        var limit = _limits.GetValueOrDefault(stage.Key, CardsPerColumn);
        var totals = everything && _own.Count == 0 ? Board.TotalsOf(stage.Key) : ColumnTotals.Of(stage, visible);
        return new BoardColumnView(stage, visible.Count > limit ? visible.GetRange(0, limit) : visible, totals, Math.Max(0, visible.Count - limit));
    }

    /// <summary>The shared column with this person's own cards laid over it.</summary>
    private IEnumerable<DealCard> Merged(string stageKey) =>
        Board.CardsIn(stageKey).Where(c => !_own.ContainsKey(c.Id)).Concat(_own.Values.Where(c => c.StageKey == stageKey));
}
