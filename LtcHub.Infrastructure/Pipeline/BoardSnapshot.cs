using System.Collections.Immutable;
using LtcHub.Domain.Pipeline;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>
/// The whole board at one moment, immutable, shared by every open board of this instance: its columns,
/// every card, each column's cards in board order with their totals, the owners to filter by and the
/// hand-off queue. A change makes a new snapshot that rebuilds only the columns it touched and shares
/// the rest, so a move costs one column sort, once, however many people are watching.
/// </summary>
public sealed class BoardSnapshot
{
    private static readonly ImmutableArray<DealCard> NoCards = [];

    private BoardSnapshot(
        IReadOnlyList<BoardStage> stages, ImmutableDictionary<int, DealCard> cards, ImmutableDictionary<string, Column> columns,
        DateTime loadedAtUtc)
    {
        Stages = stages;
        Cards = cards;
        _columns = columns;
        LoadedAtUtc = loadedAtUtc;
        Owners = cards.Values.Select(c => (c.OwnerId, c.OwnerName)).Distinct()
            .OrderBy(o => o.OwnerName, StringComparer.Ordinal).ThenBy(o => o.OwnerId, StringComparer.Ordinal).ToImmutableArray();
        HandoffWaiting = [.. CardsIn(StageKeys.Won).OrderBy(c => c.EnteredStageAtUtc).ThenBy(c => c.Id)];
    }

    private readonly ImmutableDictionary<string, Column> _columns;

    public static BoardSnapshot Empty { get; } = Create([], [], DateTime.MinValue);

    /// <summary>The columns, in board order.</summary>
    public IReadOnlyList<BoardStage> Stages { get; }

    public ImmutableDictionary<int, DealCard> Cards { get; }

    /// <summary>When the cards were read from the database (changes applied since do not count).</summary>
    public DateTime LoadedAtUtc { get; }

    /// <summary>Everyone who owns a card, by name.</summary>
    public ImmutableArray<(string Id, string Name)> Owners { get; }

    /// <summary>Won deals waiting for Ops, longest waiting first.</summary>
    public ImmutableArray<DealCard> HandoffWaiting { get; }

    /// <summary>The board's order within a column: largest amount first, then oldest deal.</summary>
    public static IComparer<DealCard> Order { get; } = Comparer<DealCard>.Create((a, b) =>
    {
        var byAmount = (b.Amount ?? 0m).CompareTo(a.Amount ?? 0m);
        return byAmount != 0 ? byAmount : a.Id.CompareTo(b.Id);
    });

    public static BoardSnapshot Create(IReadOnlyList<BoardStage> stages, IEnumerable<DealCard> cards, DateTime loadedAtUtc)
    {
        var byId = cards.ToImmutableDictionary(c => c.Id);
        var byStage = byId.Values.ToLookup(c => c.StageKey);
        var columns = stages.ToImmutableDictionary(s => s.Key, s => Column.Of(s, byStage[s.Key]));
        return new BoardSnapshot(stages, byId, columns, loadedAtUtc);
    }

    public BoardStage? Stage(string key) => Stages.FirstOrDefault(s => s.Key == key);

    /// <summary>A column's cards in board order (every card, whatever a viewer's filter hides).</summary>
    public ImmutableArray<DealCard> CardsIn(string stageKey) => _columns.TryGetValue(stageKey, out var column) ? column.Cards : NoCards;

    /// <summary>A column's totals over every card (Ops plan against the real load).</summary>
    public ColumnTotals TotalsOf(string stageKey) => _columns.TryGetValue(stageKey, out var column) ? column.Totals : new ColumnTotals(0, 0, 0);

    /// <summary>
    /// The board with these cards taken in, each only if it is not older than the one held (an event
    /// that arrives late never undoes a newer one). <paramref name="stages"/> names the columns that changed,
    /// <paramref name="deals"/> the cards taken.
    /// </summary>
    public BoardSnapshot With(IEnumerable<DealCard> incoming, out ImmutableHashSet<string> stages, out ImmutableHashSet<int> deals)
    {
        var changed = new Dictionary<int, DealCard>();
        var touched = ImmutableHashSet.CreateBuilder<string>();
        foreach (var card in incoming)
        {
            var held = changed.GetValueOrDefault(card.Id) ?? Cards.GetValueOrDefault(card.Id);
            if (held is not null && (held.Version > card.Version || held == card))
            {
                continue;
            }

            if (held is not null)
            {
                touched.Add(held.StageKey);
            }

            changed[card.Id] = card;
            touched.Add(card.StageKey);
        }

        stages = touched.ToImmutable();
        deals = [.. changed.Keys];
        if (changed.Count == 0)
        {
            return this;
        }

        var columns = _columns.ToBuilder();
        foreach (var key in stages)
        {
            if (Stage(key) is { } stage)
            {
                columns[key] = Column.Of(stage, CardsIn(key).Where(c => !changed.ContainsKey(c.Id))
                    .Concat(changed.Values.Where(c => c.StageKey == key)));
            }
        }

        return new BoardSnapshot(Stages, Cards.SetItems(changed), columns.ToImmutable(), LoadedAtUtc);
    }

    /// <summary>The board with new columns (an admin changed the stages): every column is rebuilt.</summary>
    public BoardSnapshot WithStages(IReadOnlyList<BoardStage> stages) => Create(stages, Cards.Values, LoadedAtUtc);

    private sealed record Column(ImmutableArray<DealCard> Cards, ColumnTotals Totals)
    {
        public static Column Of(BoardStage stage, IEnumerable<DealCard> cards)
        {
            var sorted = cards.ToImmutableArray().Sort(Order);
            return new Column(sorted, ColumnTotals.Of(stage, sorted));
        }
    }
}
