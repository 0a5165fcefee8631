using System.Collections.Immutable;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Components.Pages.Pipeline;
using static LtcHub.Tests.Support.BoardData;

namespace LtcHub.Tests.Components.Pipeline;

/// <summary>One person's board, driven without a renderer: their filter, their limits, their own moves ahead of the shared board.</summary>
public class BoardViewTests
{
    private static BoardView ViewOf(BoardSnapshot board, BoardFilter? filter = null)
    {
        var view = new BoardView(Viewer(), filter ?? BoardFilter.Everything);
        view.Load(board);
        return view;
    }

    private static BoardChange Moved(BoardSnapshot board, DealCard card)
    {
        var next = board.With([card], out var stages, out var deals);
        return new BoardChange(next, new DealMoved(card, "", "u9", "Someone"), stages, deals);
    }

    [Fact]
    public void TheFilter_AppliesToCardsAndSums_AndSpareCardsAreCounted()
    {
        var board = Board(Card(1, StageKeys.Lead, 10m), Card(2, StageKeys.Lead, 20m, owner: "u2", team: 2), Card(3, StageKeys.Lead, 30m));

        var view = ViewOf(board, BoardFilter.Everything with { Scope = BoardScope.Mine });

        var lead = view.Column(StageKeys.Lead);
        Assert.Equal([3, 1], lead.Cards.Select(c => c.Id));
        Assert.Equal(40m, lead.Totals.Amount);
        Assert.Equal(60m, view.AllTotalsOf(StageKeys.Lead).Amount);
    }

    [Fact]
    public void AColumn_ShowsFiftyCards_ThenFiftyMoreOnRequest()
    {
        var board = Board([.. Enumerable.Range(1, 120).Select(i => Card(i, StageKeys.Lead, i))]);
        var view = ViewOf(board);

        Assert.Equal(50, view.Column(StageKeys.Lead).Cards.Count);
        Assert.Equal(70, view.Column(StageKeys.Lead).Hidden);

        Assert.Equal([StageKeys.Lead], view.ShowMore(StageKeys.Lead));
        Assert.Equal(100, view.Column(StageKeys.Lead).Cards.Count);
        Assert.Equal(20, view.Column(StageKeys.Lead).Hidden);
    }

    [Fact]
    public void SomeoneElsesMove_ChangesOnlyTheTwoColumnsItTouched()
    {
        var board = Board(Card(1, StageKeys.Lead), Card(2, StageKeys.Delivery));
        var view = ViewOf(board);
        var delivery = view.Column(StageKeys.Delivery);

        var touched = view.Apply(Moved(board, Card(1, StageKeys.Negotiation, version: 2)));

        Assert.Equal([StageKeys.Lead, StageKeys.Negotiation], touched.Order());
        Assert.Same(delivery, view.Column(StageKeys.Delivery));
        Assert.Equal([1], view.Column(StageKeys.Negotiation).Cards.Select(c => c.Id));
    }

    [Fact]
    public void MyMove_ShowsAtOnce_AndStaysUntilTheSharedBoardCatchesUp()
    {
        var board = Board(Card(1, StageKeys.Lead));
        var view = ViewOf(board);

        view.BeginMove(board.Cards[1], StageKeys.Negotiation);
        Assert.Single(view.Column(StageKeys.Negotiation).Cards);
        Assert.Empty(view.Column(StageKeys.Lead).Cards);

        // The server said yes (version 2) before the shared board heard of it: still shown where it went.
        view.Settle(Card(1, StageKeys.Negotiation, version: 2));
        view.Apply(new BoardChange(board, null, [], []));
        Assert.Single(view.Column(StageKeys.Negotiation).Cards);

        view.Apply(Moved(board, Card(1, StageKeys.Negotiation, version: 2)));
        Assert.Single(view.Column(StageKeys.Negotiation).Cards);
        Assert.Equal(2, view.Card(1)!.Version);
    }

    [Fact]
    public void AMoveThatLostAConflict_GoesBackToWhereTheCardTrulyIs()
    {
        var board = Board(Card(1, StageKeys.Lead));
        var view = ViewOf(board);
        view.BeginMove(board.Cards[1], StageKeys.Negotiation);

        // Meanwhile someone else moved it to Won; the server refuses this move and returns the card as it is.
        view.Apply(Moved(board, Card(1, StageKeys.Won, version: 2)));
        Assert.Single(view.Column(StageKeys.Negotiation).Cards);
        var touched = view.Settle(Card(1, StageKeys.Won, version: 2));

        Assert.Contains(StageKeys.Negotiation, touched);
        Assert.Empty(view.Column(StageKeys.Negotiation).Cards);
        Assert.Single(view.Column(StageKeys.Won).Cards);
    }

    [Fact]
    public void AnAcceptedHandoff_LeavesMyQueueAtOnce()
    {
        var board = Board(Card(1, StageKeys.Won), Card(2, StageKeys.Won));
        var view = ViewOf(board);

        view.BeginMove(board.Cards[1], StageKeys.Delivery);

        Assert.Equal([2], view.HandoffWaiting.Select(c => c.Id));
        Assert.Equal(1, view.AllTotalsOf(StageKeys.Delivery).Count);
    }

    [Fact]
    public void NewStages_RebuildEveryColumn()
    {
        var board = Board(Card(1, StageKeys.Lead));
        var view = ViewOf(board);
        var renamed = board.WithStages([.. Stages.Select(s => s.Key == StageKeys.Lead ? s with { NameEn = "Prospect" } : s)]);

        var touched = view.Apply(new BoardChange(renamed, new StagesChanged("Admin"), ImmutableHashSet<string>.Empty, [], Everything: true));

        Assert.Equal(Stages.Count, touched.Count);
        Assert.Equal("Prospect", view.Column(StageKeys.Lead).Stage.NameEn);
    }
}
