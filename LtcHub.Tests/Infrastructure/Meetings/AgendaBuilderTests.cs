using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Tests.Infrastructure.Meetings;

/// <summary>Each agenda rule, on a small known board: the deal it should bring in, and the near miss it should not.</summary>
public class AgendaBuilderTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<BoardStage> Stages = DefaultPipeline.Create()
        .Select((s, i) => new BoardStage(i + 1, s.Key, s.NameZh, s.NameEn, s.Order, s.OwningTeam, s.Probability, s.WipLimit, s.DaysUntilStale, s.EntryRules))
        .ToList();

    private static DealCard Card(int id, string stage, decimal amount = 1_000m, int daysInStage = 1, DateOnly? close = null) =>
        new(id, $"Deal {id}", 1, "A", "A", amount, "CNY", "u", "U", 1, stage, Now.AddDays(-daysInStage), null, null, close, null, 1);

    private static IReadOnlyDictionary<int, AgendaReason> Build(IReadOnlyList<DealCard> cards, IReadOnlySet<int>? slipped = null,
        IReadOnlyDictionary<string, int>? counts = null) =>
        AgendaBuilder.Build(cards, Stages, counts ?? cards.GroupBy(c => c.StageKey).ToDictionary(g => g.Key, g => g.Count()),
            slipped ?? new HashSet<int>(), Now).ToDictionary(r => r.DealId, r => r.Reasons);

    // Five big deals in Lead fill the "biggest" slots, so the small deals under test are not there by size.
    private static readonly DealCard[] Big = Enumerable.Range(900, 5).Select(i => Card(i, StageKeys.Lead, 9_000_000m)).ToArray();

    [Fact]
    public void WonDeals_AwaitOpsAcceptance_HandoffDealsDoNot()
    {
        var agenda = Build([.. Big, Card(1, StageKeys.Won), Card(2, StageKeys.Handoff)]);
        Assert.Equal(AgendaReason.AwaitingHandoff, agenda[1]);
        Assert.False(agenda.ContainsKey(2));
    }

    [Fact]
    public void CloseDatePassed_OnlyBeforeWon_AndOnlyWhenInThePast()
    {
        var yesterday = new DateOnly(2026, 11, 26);
        var agenda = Build([.. Big, Card(1, StageKeys.Negotiation, close: yesterday), Card(2, StageKeys.Negotiation, close: new DateOnly(2026, 11, 27)),
            Card(3, StageKeys.Delivery, close: yesterday)]);
        Assert.Equal(AgendaReason.CloseDatePassed, agenda[1]);
        Assert.False(agenda.ContainsKey(2));
        Assert.False(agenda.ContainsKey(3));
    }

    [Fact]
    public void SlippedCloseDates_AreIncluded_OthersNot()
    {
        var agenda = Build([.. Big, Card(1, StageKeys.Proposal), Card(2, StageKeys.Proposal)], slipped: new HashSet<int> { 1 });
        Assert.Equal(AgendaReason.CloseDateSlipped, agenda[1]);
        Assert.False(agenda.ContainsKey(2));
    }

    [Fact]
    public void Stale_IsPastTheStagesDays_NotOnThem()
    {
        // Negotiation goes stale after 14 days.
        var agenda = Build([.. Big, Card(1, StageKeys.Negotiation, daysInStage: 15), Card(2, StageKeys.Negotiation, daysInStage: 14)]);
        Assert.Equal(AgendaReason.Stale, agenda[1]);
        Assert.False(agenda.ContainsKey(2));
    }

    [Fact]
    public void OverWip_BringsInTheLongestWaiting_AsManyAsTheStageIsOver()
    {
        // Negotiation's WIP limit is 20; the whole board holds 22 there: the 2 longest waiting come in.
        var cards = new[] { Card(1, StageKeys.Negotiation, daysInStage: 9), Card(2, StageKeys.Negotiation, daysInStage: 8), Card(3, StageKeys.Negotiation, daysInStage: 2) };
        var agenda = Build([.. Big, .. cards], counts: new Dictionary<string, int> { [StageKeys.Negotiation] = 22 });
        Assert.Equal(AgendaReason.OverWip, agenda[1]);
        Assert.Equal(AgendaReason.OverWip, agenda[2]);
        Assert.False(agenda.ContainsKey(3));

        Assert.DoesNotContain(Build(cards, counts: new Dictionary<string, int> { [StageKeys.Negotiation] = 20 }),
            r => r.Value.HasFlag(AgendaReason.OverWip));
    }

    [Fact]
    public void Biggest_AreTheFiveLargestOpenSalesDeals_NotWonPaidOrLost()
    {
        var cards = Enumerable.Range(1, 6).Select(i => Card(i, StageKeys.Proposal, i * 1_000m))
            .Append(Card(7, StageKeys.Paid, 99_000_000m)).Append(Card(8, StageKeys.Lost, 99_000_000m)).ToList();
        var agenda = Build(cards);
        Assert.Equal([6, 5, 4, 3, 2], agenda.Keys);
        Assert.All(agenda.Values, r => Assert.Equal(AgendaReason.Biggest, r));
    }

    [Fact]
    public void Items_AreGroupedByTheirFirstReason_ThenBiggestFirst()
    {
        var agenda = AgendaBuilder.Build(
            [Card(1, StageKeys.Won, 10m), Card(2, StageKeys.Negotiation, 500m, daysInStage: 30), Card(3, StageKeys.Won, 20m), Card(4, StageKeys.Lead, 1m)],
            Stages, new Dictionary<string, int>(), new HashSet<int>(), Now);

        Assert.Equal([3, 1, 2, 4], agenda.Select(a => a.DealId));
        Assert.Equal(AgendaReason.Stale | AgendaReason.Biggest, agenda[2].Reasons);
        Assert.Equal(AgendaReason.Stale, agenda[2].Reasons.Group());
    }

    [Fact]
    public void AGroup_HoldsAtMostEightDeals_TheBiggest()
    {
        var stale = Enumerable.Range(1, 12).Select(i => Card(i, StageKeys.Delivery, i * 1_000m, daysInStage: 40)).ToList();
        var agenda = AgendaBuilder.Build(stale, Stages, new Dictionary<string, int>(), new HashSet<int>(), Now);
        Assert.Equal(Enumerable.Range(5, 8).Reverse(), agenda.Select(a => a.DealId));
    }
}
