using System.Globalization;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Identity;
using LtcHub.Web.Components.Shared;
using LtcHub.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>
/// The live board: the shared snapshot (<see cref="BoardStore"/>) seen through this person's
/// <see cref="BoardView"/>. A change elsewhere re-renders only the columns it touched; this person's own
/// moves show at once and settle by version through the one <see cref="MoveFlow"/>.
/// </summary>
public partial class PipelineBoard
{
    private BoardView? _view;
    private IReadOnlyList<BoardColumnView> _columns = [];
    private Actor _actor = null!;
    private ElementReference _boardElement;
    private BoardDragging? _dragging;
    private BoardAttendance? _attendance;
    private LiveAnnouncer? _announcer;
    private int? _openDealId;
    private string? _phoneStage;
    private bool _lostExpanded;
    private bool _english;
    private bool _live;
    private bool _canDecideHandoff;
    private bool _canCreate;
    private bool _queueOpen;
    private DateTime _now;

    /// <summary>How a move is made here (the meeting room records it in the meeting); the pipeline's own move by default.</summary>
    [Parameter]
    public Func<Actor, int, long, string, StageEntryInput, Task<ChangeOutcome>>? Move { get; set; }

    private IReadOnlyDictionary<int, string> Editing => _attendance?.Editing ?? new Dictionary<int, string>();

    /// <summary>The stage a phone shows (the first one until the person picks another).</summary>
    private string CurrentStage => _phoneStage ?? _view?.Stages.FirstOrDefault()?.Key ?? "";

    // The board renders itself when something it shows changes; the meeting room passing the same delegate again is no reason.
    protected override object ParameterKey => true;

    protected override async Task OnInitializedAsync()
    {
        _english = Cultures.IsEnglish(CultureInfo.CurrentUICulture);
        _now = Time.GetUtcNow().UtcDateTime;
        _actor = await Current.GetAsync();
        _canDecideHandoff = PipelinePolicy.CanDecideHandoff(_actor);
        _canCreate = PipelinePolicy.CanCreate(_actor, _actor.UserId, _actor.TeamId);
        _queueOpen = _actor.IsInRole(Roles.Ops);
        var view = new BoardView(_actor, await Preferences.FilterAsync(_actor.UserId));
        view.Load(await Store.CurrentAsync());
        _view = view;
        _columns = [.. view.Columns];

        // Only a live circuit listens and counts as present; the prerender pass does not.
        if (IsLive)
        {
            Follow<BoardChange>(Store.Subscribe, _ => true, change => Task.FromResult(Apply(change)));
            _attendance = new BoardAttendance(Presence, _actor);
            Follow<BoardEvent>(Bus.Subscribe, e => e is PresenceChanged, e => Task.FromResult(_attendance.See(((PresenceChanged)e).Present)));
            await _attendance.JoinAsync(CircuitPresence);
            _live = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_live && _dragging is null && _view is { Stages.Count: > 0 })
        {
            _dragging = new BoardDragging(JS, id => Guarded(() => MarkEditingAsync(id)), (id, key) => Guarded(() => DropAsync(id, key)));
            await _dragging.AttachAsync(_boardElement, new KeyboardTexts(L["Board.Key.Picked"], L["Board.Key.Over"], L["Board.Key.Dropped"],
                L["Board.Key.Cancelled"]));
        }
    }

    protected override void OnDisposed()
    {
        _attendance?.Dispose();
        _dragging?.Dispose();
    }

    /// <summary>Work the browser started (a drop): on the renderer, its failures shown like any other.</summary>
    private Task Guarded(Func<Task> work) => InvokeAsync(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception failure)
        {
            await DispatchExceptionAsync(failure);
        }
    });

    /// <summary>A change of the shared board: renders only if a column this person sees changed.</summary>
    private bool Apply(BoardChange change)
    {
        _now = Time.GetUtcNow().UtcDateTime;
        var touched = _view!.Apply(change);
        if (change.Cause is StagesChanged stages)
        {
            Snackbar.Add(L["Board.StagesChanged", stages.ActorName], Severity.Info);
        }

        // Someone else's move of a card this person sees: told to a screen reader too (the eye sees the card go).
        if (change.Cause is DealMoved moved && moved.ActorId != _actor.UserId && touched.Count > 0 && _view.Board.Stage(moved.Card.StageKey) is { } to)
        {
            _announcer?.Announce(L["Board.Announce.Moved", moved.ActorName, moved.Card.Name, to.Name(_english)]);
        }

        return Shown(touched);
    }

    private bool Shown(IReadOnlySet<string> touched)
    {
        if (touched.Count == 0)
        {
            return false;
        }

        _columns = [.. _view!.Columns];
        return true;
    }

    private void ShowMore(string stageKey) => Shown(_view!.ShowMore(stageKey));

    private async Task ApplyFilterAsync(BoardFilter filter)
    {
        Shown(_view!.SetFilter(filter));
        await Preferences.SaveFilterAsync(_actor.UserId, filter);
    }

    private async Task NewDealAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewDealDialog>(L["Board.NewDeal"], new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: DealCard card })
        {
            Settle(card);
            Snackbar.Add(L["Board.DealCreated", card.Name], Severity.Success);
        }
    }

    private Task MoveFromMenuAsync((DealCard Card, string Target) move) => MoveAsync(move.Card, move.Target);

    private Task AcceptHandoffAsync(DealCard card) => MoveAsync(card, StageKeys.Handoff, new StageEntryInput(OpsAccepted: true));

    private async Task PushBackHandoffAsync(DealCard card)
    {
        await MarkEditingAsync(card.Id);
        var parameters = new DialogParameters<PushBackDialog>
        {
            { d => d.Submit, reason => Pipeline.PushBackHandoffAsync(_actor, card.Id, card.Version, reason) },
        };
        var dialog = await Dialogs.ShowAsync<PushBackDialog>(L["Handoff.PushBackTitle", card.Name], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        await MarkEditingAsync(null);
        if (result is { Canceled: false, Data: ChangeOutcome outcome })
        {
            Moves.Report(outcome, _view!.Stages);
            Settle(outcome.Card ?? card);
            if (outcome.Succeeded)
            {
                Snackbar.Add(L["Handoff.PushedBackDone", card.Name], Severity.Success);
            }
        }
    }

    /// <summary>A card dropped on a column (or the drag given up: no stage).</summary>
    private async Task DropAsync(int dealId, string? stageKey)
    {
        await MarkEditingAsync(null);
        if (stageKey is not null && _view!.Card(dealId) is { } card && card.StageKey != stageKey && _view.Board.Stage(stageKey) is not null)
        {
            await MoveAsync(card, stageKey);
        }
    }

    /// <summary>Moves a card: shown at once, then confirmed, completed through the move dialog, or put back where it truly is.</summary>
    private async Task MoveAsync(DealCard card, string targetKey, StageEntryInput? input = null)
    {
        var view = _view!;
        var original = view.Card(card.Id) ?? card;
        if (view.Board.Stage(targetKey) is not { } target || original.StageKey == targetKey)
        {
            return;
        }

        Shown(view.BeginMove(original, targetKey));
        StateHasChanged();
        var move = Move ?? Pipeline.MoveAsync;
        var outcome = await Moves.MoveAsync(original, target, view.Stages, (version, entry) => move(_actor, card.Id, version, targetKey, entry),
            input, view.AllTotalsOf(StageKeys.Delivery).Count, open => MarkEditingAsync(open ? card.Id : null));
        var truth = outcome.Card ?? original;
        Settle(truth);
        if (outcome.Status == ChangeStatus.Done && view.StageOf(truth) is var stage && stage.Key == targetKey
            && view.AllTotalsOf(stage.Key).OverWip(stage))
        {
            Snackbar.Add(L["Board.WipExceeded", stage.WipLimit ?? 0], Severity.Info);
        }

        StateHasChanged();
    }

    /// <summary>A card as this person's own change left it: shown now, ahead of the shared board.</summary>
    private void Settle(DealCard card) => Shown(_view!.Settle(card));

    private Task OpenAsync(DealCard card)
    {
        _openDealId = card.Id;
        return Task.CompletedTask;
    }

    private Task OnDrawerOpenedAsync((int DealId, bool CanEdit) opened) => opened.CanEdit ? MarkEditingAsync(opened.DealId) : Task.CompletedTask;

    private async Task OnDrawerClosedAsync()
    {
        var closed = _openDealId;
        _openDealId = null;
        await MarkEditingAsync(null);
        if (closed is { } id && _dragging is not null)
        {
            await _dragging.FocusAsync(id);
        }
    }

    private Task MarkEditingAsync(int? dealId) => _attendance?.MarkEditingAsync(dealId) ?? Task.CompletedTask;
}
