using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>
/// One move of one deal to one stage, from the first try until it is done or given up: it keeps the card
/// as it truly is now, so a try after the mover created a document (a contract changes the deal's
/// amount; an invoice or a payment may have moved it already) is made against the deal's current state.
/// </summary>
public sealed class MoveRequest(DealCard card, BoardStage target, Func<long, StageEntryInput, Task<ChangeOutcome>> move, Func<int, Task<DealCard?>> reload)
{
    public DealCard Card { get; private set; } = card;

    public BoardStage Target { get; } = target;

    public async Task<ChangeOutcome> TryAsync(StageEntryInput input)
    {
        var outcome = await move(Card.Version, input);
        if (outcome.Card is { } truth)
        {
            Card = truth;
        }

        return outcome;
    }

    /// <summary>After the mover created a document on the spot: done if that alone took the deal there, else try again on the fresh card.</summary>
    public async Task<ChangeOutcome> AfterDocumentAsync(StageEntryInput input)
    {
        Card = await reload(Card.Id) ?? Card;
        return Card.StageKey == Target.Key ? new ChangeOutcome(ChangeStatus.Done, Card) : await TryAsync(input);
    }
}
