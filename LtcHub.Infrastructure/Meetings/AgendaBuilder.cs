using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>
/// Builds a meeting's agenda from the board: the deals of its scope that need discussing, grouped by
/// their first reason and, within a group, biggest first. Pure, so every rule is tested on known data.
/// </summary>
public static class AgendaBuilder
{
    public const int BiggestCount = 5;

    /// <summary>At most this many deals per group (the biggest): an hour's meeting, not a list of everything stale.</summary>
    public const int MaxPerGroup = 8;

    /// <param name="cards">The scope's deals.</param>
    /// <param name="stages">The board's stages.</param>
    /// <param name="countsByStage">How many deals each stage holds on the whole board (WIP is the whole stage's).</param>
    /// <param name="slipped">Deals whose expected close date moved later since the last meeting.</param>
    public static IReadOnlyList<(int DealId, AgendaReason Reasons)> Build(
        IReadOnlyList<DealCard> cards, IReadOnlyList<BoardStage> stages, IReadOnlyDictionary<string, int> countsByStage,
        IReadOnlySet<int> slipped, DateTime nowUtc)
    {
        var stageOf = stages.ToDictionary(s => s.Key);
        var today = DateOnly.FromDateTime(nowUtc);
        var open = cards.Where(c => stageOf.TryGetValue(c.StageKey, out var s) && IsOpen(s)).ToList();
        var reasons = open.ToDictionary(c => c.Id, _ => AgendaReason.None);

        foreach (var card in open)
        {
            var stage = stageOf[card.StageKey];
            var beforeWon = stage.Team == TeamKind.Sales && stage.Key != StageKeys.Won;
            reasons[card.Id] |=
                (stage.Key == StageKeys.Won ? AgendaReason.AwaitingHandoff : 0)
                | (beforeWon && card.ExpectedCloseDate < today ? AgendaReason.CloseDatePassed : 0)
                | (slipped.Contains(card.Id) ? AgendaReason.CloseDateSlipped : 0)
                | (card.IsStale(stage, nowUtc) ? AgendaReason.Stale : 0);
        }

        // Over a WIP limit: the deals that have waited longest, as many as the stage is over.
        foreach (var stage in stages.Where(s => s.WipLimit is not null))
        {
            var over = countsByStage.GetValueOrDefault(stage.Key) - stage.WipLimit!.Value;
            foreach (var card in open.Where(c => c.StageKey == stage.Key).OrderBy(c => c.EnteredStageAtUtc).ThenBy(c => c.Id).Take(Math.Max(over, 0)))
            {
                reasons[card.Id] |= AgendaReason.OverWip;
            }
        }

        foreach (var card in open.Where(c => stageOf[c.StageKey] is { Team: TeamKind.Sales } s && s.Key != StageKeys.Won)
                     .OrderByDescending(c => c.Amount ?? 0m).ThenBy(c => c.Id).Take(BiggestCount))
        {
            reasons[card.Id] |= AgendaReason.Biggest;
        }

        var amountOf = open.ToDictionary(c => c.Id, c => c.Amount ?? 0m);
        return reasons.Where(r => r.Value != AgendaReason.None)
            .GroupBy(r => r.Value.Group())
            .OrderBy(g => g.Key)
            .SelectMany(g => g.OrderByDescending(r => amountOf[r.Key]).ThenBy(r => r.Key).Take(MaxPerGroup))
            .Select(r => (r.Key, r.Value))
            .ToList();
    }

    /// <summary>Deals still in play: not paid, not lost.</summary>
    public static bool IsOpen(BoardStage stage) => stage.Key is not (StageKeys.Paid or StageKeys.Lost);
}
