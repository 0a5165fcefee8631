using LtcHub.Domain.Pipeline;
using static LtcHub.Tests.Support.BoardData;

namespace LtcHub.Tests.Infrastructure.Pipeline;

public class BoardSnapshotTests
{
    [Fact]
    public void EachColumn_IsInBoardOrder_LargestAmountFirst_ThenOldestDeal()
    {
        var board = Board(Card(3, StageKeys.Lead, 50m), Card(1, StageKeys.Lead, 900m), Card(2, StageKeys.Lead, 50m), Card(4, StageKeys.Lead, null));

        Assert.Equal([1, 2, 3, 4], board.CardsIn(StageKeys.Lead).Select(c => c.Id));
        Assert.Equal(4, board.TotalsOf(StageKeys.Lead).Count);
        Assert.Equal(1_000m, board.TotalsOf(StageKeys.Lead).Amount);
    }

    [Fact]
    public void AMove_RebuildsOnlyTheTwoColumnsItTouched_AndSharesTheRest()
    {
        var board = Board(Card(1, StageKeys.Lead), Card(2, StageKeys.Negotiation), Card(3, StageKeys.Delivery));

        var next = board.With([Card(1, StageKeys.Negotiation, version: 2)], out var stages, out var deals);

        Assert.Equal([StageKeys.Lead, StageKeys.Negotiation], stages.Order());
        Assert.Equal([1], deals);
        Assert.Empty(next.CardsIn(StageKeys.Lead));
        Assert.Equal([1, 2], next.CardsIn(StageKeys.Negotiation).Select(c => c.Id));
        Assert.Equal(board.CardsIn(StageKeys.Delivery), next.CardsIn(StageKeys.Delivery));
        Assert.Equal(StageKeys.Lead, board.Cards[1].StageKey);
    }

    [Fact]
    public void AnEventThatArrivesLate_NeverUndoesANewerVersion()
    {
        var board = Board(Card(1, StageKeys.Negotiation, version: 5));

        var next = board.With([Card(1, StageKeys.Lead, version: 4)], out var stages, out _);

        Assert.Same(board, next);
        Assert.Empty(stages);
    }

    [Fact]
    public void ARefreshedCard_OfTheSameVersion_IsTaken()
    {
        var board = Board(Card(1, StageKeys.Won, version: 3));

        var next = board.With([Card(1, StageKeys.Won, version: 3) with { DunningLevel = 2 }], out _, out var deals);

        Assert.Equal(2, next.Cards[1].DunningLevel);
        Assert.Equal([1], deals);
    }

    [Fact]
    public void TheHandoffQueue_ListsWonDeals_LongestWaitingFirst_AndOwnersAreListedOnce()
    {
        var board = Board(Card(1, StageKeys.Won, daysInStage: 1), Card(2, StageKeys.Won, daysInStage: 9, owner: "u2"), Card(3, StageKeys.Lead));

        Assert.Equal([2, 1], board.HandoffWaiting.Select(c => c.Id));
        Assert.Equal(["Li Lei", "王芳 Wang Fang"], board.Owners.Select(o => o.Name));
    }
}
