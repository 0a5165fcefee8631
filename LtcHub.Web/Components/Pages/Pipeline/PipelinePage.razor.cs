using System.Globalization;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Identity;
using LtcHub.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>
/// The live board. Loads once, then applies the events other people's changes publish (the
/// change itself, no re-query per circuit). Own moves show at once and reconcile by version.
/// </summary>
public partial class PipelinePage
{
    private const int CardsPerColumn = 50;

    private readonly Dictionary<int, DealCard> _cards = [];
    private readonly Dictionary<string, int> _columnLimits = [];
    private IReadOnlyList<BoardStage> _stages = [];
    // One list instance, refilled in place: the drop zones cache their items and re-read this list on Refresh().
    private readonly List<DealCard> _shown = [];
    private Dictionary<string, ColumnTotals> _totals = [];
    private Dictionary<string, int> _hidden = [];
    private IReadOnlyList<(string Id, string Name)> _owners = [];
    private IReadOnlyList<DealCard> _handoffWaiting = [];
    private IReadOnlyList<PresentUser> _present = [];
    private MudDropContainer<DealCard>? _container;
    private BoardFilter _filter = BoardFilter.Everything;
    private Actor _actor = null!;
    private IDisposable? _subscription;
    private IDisposable? _presenceLink;
    private Guid? _session;
    private DealDetails? _details;
    // The version the drawer's form was filled from: a save is checked against it, whatever arrives live meanwhile.
    private long _editBaseVersion;
    private string? _drawerNotice;
    private bool _drawerOpen;
    private bool _lostExpanded;
    private bool _english;
    private bool _live;
    private bool _canDecideHandoff;
    private bool _canCreate;
    private bool _queueOpen;
    private DateTime _now;

    /// <summary>Shown inside another page (the meeting room): that page keeps its own title.</summary>
    [Parameter]
    public bool Embedded { get; set; }

    [Inject]
    private PipelineService Pipeline { get; set; } = null!;

    [Inject]
    private BoardReader Board { get; set; } = null!;

    [Inject]
    private BoardPreferences Preferences { get; set; } = null!;

    [Inject]
    private IBoardEvents Events { get; set; } = null!;

    [Inject]
    private BoardPresence Presence { get; set; } = null!;

    [Inject]
    private CurrentUser Current { get; set; } = null!;

    [Inject]
    private CircuitPresence CircuitPresence { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private MoveFlow Moves { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _english = Cultures.IsEnglish(CultureInfo.CurrentUICulture);
        _now = Time.GetUtcNow().UtcDateTime;
        _actor = await Current.GetAsync();
        _canDecideHandoff = PipelinePolicy.CanDecideHandoff(_actor);
        _canCreate = PipelinePolicy.CanCreate(_actor, _actor.UserId, _actor.TeamId);
        _queueOpen = _actor.IsInRole(Roles.Ops);
        _filter = await Preferences.FilterAsync(_actor.UserId);
        _stages = await Board.StagesAsync();
        foreach (var card in await Board.CardsAsync())
        {
            _cards[card.Id] = card;
        }

        Rebuild();

        // Only a live circuit listens and counts as present; the prerender pass does not.
        if (RendererInfo.IsInteractive)
        {
            _subscription = Events.Subscribe(OnBoardEventAsync);
            var session = await Presence.JoinAsync(_actor);
            _session = session;
            _presenceLink = CircuitPresence.Track(() => Presence.SuspendAsync(session), () => Presence.ResumeAsync(session));
            _present = Presence.Present;
            _live = true;
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _presenceLink?.Dispose();
        if (_session is { } session)
        {
            _ = Presence.LeaveAsync(session);
        }
    }

    private BoardStage StageOf(DealCard card) => _stages.FirstOrDefault(s => s.Key == card.StageKey) ?? _stages[0];

    private ColumnTotals TotalsOf(BoardStage stage) => _totals.GetValueOrDefault(stage.Key) ?? new ColumnTotals(0, 0, 0);

    /// <summary>A column's totals over every card, whatever this user's filter hides (Ops plan against the real load).</summary>
    private ColumnTotals AllTotalsOf(BoardStage stage) => ColumnTotals.Of(stage, _cards.Values.Where(c => c.StageKey == stage.Key));

    private int HiddenCount(BoardStage stage) => _hidden.GetValueOrDefault(stage.Key);

    private string? EditingBy(int dealId) =>
        _present.FirstOrDefault(p => p.EditingDealId == dealId && p.UserId != _actor.UserId)?.DisplayName;

    /// <summary>
    /// Recomputes what is shown, once per change rather than per render: the filter, the per-column
    /// limit, the header totals, the owners to filter by, and (for Ops) the hand-off queue.
    /// </summary>
    private void Rebuild()
    {
        _owners = _cards.Values.Select(c => (c.OwnerId, c.OwnerName)).Distinct().OrderBy(o => o.OwnerName, StringComparer.Ordinal).ToList();

        // Won deals waiting for Ops, longest waiting first (the queue ignores the filter).
        _handoffWaiting = _canDecideHandoff
            ? _cards.Values.Where(c => c.StageKey == StageKeys.Won).OrderBy(c => c.EnteredStageAtUtc).ThenBy(c => c.Id).ToList()
            : [];

        var visible = _cards.Values.Where(c => _filter.Matches(c, _actor)).ToList();
        var byStage = visible.GroupBy(c => c.StageKey).ToDictionary(g => g.Key, g => g.ToList());
        _totals = _stages.ToDictionary(s => s.Key, s => ColumnTotals.Of(s, byStage.GetValueOrDefault(s.Key) ?? []));
        _shown.Clear();
        _hidden = [];
        foreach (var stage in _stages)
        {
            var cards = (byStage.GetValueOrDefault(stage.Key) ?? []).OrderByDescending(c => c.Amount ?? 0m).ThenBy(c => c.Id).ToList();
            var limit = _columnLimits.GetValueOrDefault(stage.Key, CardsPerColumn);
            _shown.AddRange(cards.Take(limit));
            _hidden[stage.Key] = Math.Max(0, cards.Count - limit);
        }

        _container?.Refresh();
    }

    private async Task NewDealAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewDealDialog>(L["Board.NewDeal"], new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: DealCard card })
        {
            Apply(card);
            Rebuild();
            Snackbar.Add(L["Board.DealCreated", card.Name], Severity.Success);
        }
    }

    private void ShowMore(BoardStage stage)
    {
        _columnLimits[stage.Key] = _columnLimits.GetValueOrDefault(stage.Key, CardsPerColumn) + CardsPerColumn;
        Rebuild();
    }

    private async Task ApplyFilterAsync(BoardFilter filter)
    {
        _filter = filter;
        Rebuild();
        await Preferences.SaveFilterAsync(_actor.UserId, filter);
    }

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
            Settle(card, card.StageKey, outcome);
            if (outcome.Succeeded)
            {
                Snackbar.Add(L["Handoff.PushedBackDone", card.Name], Severity.Success);
            }
        }
    }

    private async Task OnPickedAsync(MudDragAndDropItemTransaction<DealCard> transaction) => await MarkEditingAsync(transaction.Item?.Id);

    private async Task OnDroppedAsync(MudItemDropInfo<DealCard> drop)
    {
        await MarkEditingAsync(null);
        if (drop.Item is { } card && drop.DropzoneIdentifier != card.StageKey)
        {
            await MoveAsync(card, drop.DropzoneIdentifier);
        }
    }

    /// <summary>Moves a card: shown at once, then confirmed, completed through the rule dialog, or snapped back.</summary>
    private async Task MoveAsync(DealCard card, string targetKey, StageEntryInput? input = null)
    {
        var original = _cards.GetValueOrDefault(card.Id) ?? card;
        _cards[card.Id] = original with { StageKey = targetKey };
        Rebuild();
        StateHasChanged();

        var target = _stages.First(s => s.Key == targetKey);
        var outcome = await Moves.MoveAsync(original, target, _stages,
            (version, entry) => Pipeline.MoveAsync(_actor, card.Id, version, targetKey, entry), input,
            TotalsOf(_stages.First(s => s.Key == StageKeys.Delivery)).Count, open => MarkEditingAsync(open ? card.Id : null));
        Settle(original, targetKey, outcome);
    }

    /// <summary>Puts the card where it truly is (the flow has told the mover what happened) and notes a WIP limit passed.</summary>
    private void Settle(DealCard original, string targetKey, ChangeOutcome outcome)
    {
        var truth = outcome.Card ?? original;
        if (!_cards.TryGetValue(truth.Id, out var current) || current.Version <= truth.Version)
        {
            _cards[truth.Id] = truth;
        }

        if (outcome.Status == ChangeStatus.Done && targetKey != original.StageKey
            && TotalsOf(StageOf(truth)) is var totals && totals.OverWip(StageOf(truth)))
        {
            Snackbar.Add(L["Board.WipExceeded", StageOf(truth).WipLimit ?? 0], Severity.Info);
        }

        Rebuild();
    }

    private Task OnBoardEventAsync(BoardEvent boardEvent) => InvokeAsync(async () =>
    {
        try
        {
            await ApplyAsync(boardEvent);
            StateHasChanged();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    private async Task ApplyAsync(BoardEvent boardEvent)
    {
        _now = Time.GetUtcNow().UtcDateTime;
        switch (boardEvent)
        {
            case DealMoved moved:
                // The owner hears of it through the bell (an alert saved with the move), on whatever page they are.
                Apply(moved.Card);
                NoticeChangeUnderDrawer(moved.Card, moved.ActorId, moved.ActorName);
                break;
            case DealEdited edited:
                // A push-back reaches its owner through the bell (an alert saved with it), on whatever page they are.
                Apply(edited.Card);
                NoticeChangeUnderDrawer(edited.Card, edited.ActorId, edited.ActorName);
                break;
            case DealCreated created:
                Apply(created.Card);
                break;
            case CardRefreshed refreshed:
                Apply(refreshed.Card);
                break;
            case DunningLevelsReached levels:
                foreach (var (dealId, level) in levels.LevelByDealId)
                {
                    if (_cards.TryGetValue(dealId, out var held))
                    {
                        _cards[dealId] = held with { DunningLevel = Math.Max(held.DunningLevel ?? 0, level) };
                    }
                }

                break;
            case PresenceChanged presence:
                _present = presence.Present;
                return;
            case StagesChanged changed:
                _stages = await Board.StagesAsync();
                Snackbar.Add(L["Board.StagesChanged", changed.ActorName], Severity.Info);
                break;
        }

        Rebuild();
    }

    /// <summary>Takes a committed card unless we already hold a newer version of it.</summary>
    private void Apply(DealCard card)
    {
        if (!_cards.TryGetValue(card.Id, out var current) || current.Version < card.Version)
        {
            _cards[card.Id] = card;
        }

        if (_details?.Card.Id == card.Id && _details.Card.Version < card.Version)
        {
            _details = _details with { Card = card };
        }
    }

    /// <summary>Someone else changed the deal open in this drawer: say so now, before the save is refused.</summary>
    private void NoticeChangeUnderDrawer(DealCard card, string actorId, string actorName)
    {
        if (_drawerOpen && _details?.Card.Id == card.Id && actorId != _actor.UserId && card.Version > _editBaseVersion)
        {
            _drawerNotice = L["Deal.ChangedMeanwhile", actorName];
        }
    }

    private async Task OpenAsync(DealCard card)
    {
        _details = await Board.DetailsAsync(_actor, card.Id);
        _editBaseVersion = _details?.Card.Version ?? 0;
        _drawerNotice = null;
        _drawerOpen = _details is not null;
        if (_details?.CanEdit == true)
        {
            await MarkEditingAsync(card.Id);
        }
    }

    private async Task CloseDrawerAsync()
    {
        _drawerOpen = false;
        _details = null;
        await MarkEditingAsync(null);
    }

    private async Task SaveAsync(DealEdit edit)
    {
        if (_details is null)
        {
            return;
        }

        var outcome = await Pipeline.EditAsync(_actor, _details.Card.Id, _editBaseVersion, edit);
        var fresh = await Board.DetailsAsync(_actor, _details.Card.Id);
        if (outcome.Card is { } card)
        {
            Apply(card);
        }

        // On a conflict the drawer keeps the user's draft (same deal), shows who got there first, and
        // now holds the new version: saving again applies the draft on top, knowingly.
        _details = fresh;
        _editBaseVersion = fresh?.Card.Version ?? _editBaseVersion;
        _drawerNotice = outcome.Status switch
        {
            ChangeStatus.Done => null,
            ChangeStatus.Conflict => L["Board.Conflict", outcome.ChangedBy ?? "?", outcome.Card?.Name ?? "", StageOf(outcome.Card!).Name(_english)],
            _ => outcome.Error is null ? null : L.Describe(outcome.Error),
        };
        if (outcome.Succeeded)
        {
            Snackbar.Add(L["Deal.Saved"], Severity.Success);
        }

        Rebuild();
    }

    private async Task MarkEditingAsync(int? dealId)
    {
        if (_session is { } session)
        {
            await Presence.SetEditingAsync(session, dealId);
        }
    }
}
