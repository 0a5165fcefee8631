using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>
/// The one way a person moves a deal, wherever they do it (the board's drag or menu, the hand-off queue,
/// the meeting room): try the move; if the stage needs something, the dialog asks for it or creates the
/// missing document; then say what happened — who got there first on a conflict, why it was refused.
/// One per circuit (it shows this person's dialogs and toasts).
/// </summary>
public sealed class MoveFlow(BoardReader board, IDialogService dialogs, ISnackbar snackbar, IStringLocalizer<SharedResource> localizer)
{
    /// <param name="move">The move itself (the board's, or the meeting room's, which also tells the room).</param>
    /// <param name="editing">Told true while the dialog is open (others see "X is editing"), false after.</param>
    /// <returns>What became of it; on cancel, <see cref="ChangeStatus.Refused"/> without an error, with the card as it truly is.</returns>
    public async Task<ChangeOutcome> MoveAsync(
        DealCard card, BoardStage target, IReadOnlyList<BoardStage> stages, Func<long, StageEntryInput, Task<ChangeOutcome>> move,
        StageEntryInput? input = null, int deliveryCount = 0, Func<bool, Task>? editing = null)
    {
        var request = new MoveRequest(card, target, move, board.CardAsync);
        var outcome = await request.TryAsync(input ?? StageEntryInput.Empty);
        if (outcome.Status == ChangeStatus.NeedsInput && (outcome.Missing & ~(EntryRequirements.Enterable | EntryRequirements.Documents)) == 0)
        {
            var english = Cultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
            var parameters = new DialogParameters<MoveDialog>
            {
                { d => d.Missing, outcome.Missing },
                { d => d.DeliveryCount, deliveryCount },
                { d => d.Request, request },
            };
            await (editing?.Invoke(true) ?? Task.CompletedTask);
            var dialog = await dialogs.ShowAsync<MoveDialog>(localizer["Move.Title", card.Name, target.Name(english)], parameters,
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
            outcome = await dialog.Result is { Canceled: false, Data: ChangeOutcome done }
                ? done
                : new ChangeOutcome(ChangeStatus.Refused, request.Card);
            await (editing?.Invoke(false) ?? Task.CompletedTask);
        }

        Report(outcome, stages);
        return outcome;
    }

    /// <summary>Tells the mover what happened: nothing when it worked or was cancelled, else who got there first or why not.</summary>
    public void Report(ChangeOutcome outcome, IReadOnlyList<BoardStage> stages)
    {
        var english = Cultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        switch (outcome.Status)
        {
            case ChangeStatus.Done:
                break;
            case ChangeStatus.Conflict:
                var stage = stages.FirstOrDefault(s => s.Key == outcome.Card?.StageKey);
                snackbar.Add(localizer["Board.Conflict", outcome.ChangedBy ?? "?", outcome.Card?.Name ?? "", stage?.Name(english) ?? ""], Severity.Warning);
                break;
            case ChangeStatus.NeedsInput:
                snackbar.Add(localizer["Move.CannotHere", localizer.Describe(outcome.Error!)], Severity.Error);
                break;
            default:
                if (outcome.Error is not null)
                {
                    snackbar.Add(localizer.Describe(outcome.Error), Severity.Error);
                }

                break;
        }
    }
}
