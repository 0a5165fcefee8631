using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Components.Pages.Pipeline;
using LtcHub.Web.Identity;
using LtcHub.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LtcHub.Web.Components.Pages.Meetings;

/// <summary>
/// The live meeting room. Everything shown comes from the database (<see cref="MeetingService.RoomAsync"/>)
/// and is reloaded whenever the meeting, or one of its deals, changes; only presence and "browse freely"
/// are this window's own.
/// </summary>
public partial class MeetingRoomPage
{
    private MeetingRoom? _room;
    private IReadOnlyList<BoardStage> _stages = [];
    private IReadOnlyList<PresentUser> _present = [];
    private IReadOnlyList<DealCard> _candidates = [];
    private DealDetails? _browsed;
    private Actor _actor = null!;
    private IDisposable? _subscription;
    private IDisposable? _presenceLink;
    private Guid? _session;
    private string? _error;
    private string? _minutes;
    private bool _following = true;
    private bool _english;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private MeetingService Meetings { get; set; } = null!;

    [Inject]
    private MeetingPresence Presence { get; set; } = null!;

    [Inject]
    private BoardReader Pipeline { get; set; } = null!;

    [Inject]
    private IBoardEvents Events { get; set; } = null!;

    [Inject]
    private CurrentUser Current { get; set; } = null!;

    [Inject]
    private CircuitPresence CircuitPresence { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private MoveFlow Moves { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    private bool IsFacilitator => _room?.Meeting is { Status: MeetingStatus.Live } m && m.FacilitatorId == _actor.UserId;

    private bool FacilitatorPresent => _room?.Meeting.FacilitatorId is { } id && _present.Any(p => p.UserId == id);

    /// <summary>The deal this window shows: the meeting's focus when following, the user's own pick when browsing.</summary>
    private int? ShownDealId => _following || IsFacilitator ? _room?.Meeting.FocusedDealId : _browsed?.Card.Id;

    private DealDetails? ShownDetails => _following || IsFacilitator ? _room?.Focused : _browsed;

    protected override async Task OnInitializedAsync()
    {
        _english = Cultures.IsEnglish(CultureInfo.CurrentUICulture);
        _actor = await Current.GetAsync();
        _stages = await Pipeline.StagesAsync();
        if (!await ReloadAsync())
        {
            return;
        }

        if (RendererInfo.IsInteractive)
        {
            _subscription = Events.Subscribe(OnEventAsync);
            if (_room!.Meeting.Status == MeetingStatus.Live)
            {
                await Meetings.AttendAsync(_actor, Id);
            }

            var session = await Presence.JoinAsync(Id, _actor);
            _session = session;
            _presenceLink = CircuitPresence.Track(() => Presence.SuspendAsync(Id, session), () => Presence.ResumeAsync(Id, session));
            _present = Presence.Present(Id);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _presenceLink?.Dispose();
        if (_session is { } session)
        {
            _ = Presence.LeaveAsync(Id, session);
        }
    }

    /// <param name="dealsChanged">False when only the meeting changed (a note, the focus): "since last meeting" stays as it is.</param>
    private async Task<bool> ReloadAsync(bool dealsChanged = true)
    {
        try
        {
            var previous = _room;
            var room = await Meetings.RoomAsync(_actor, Id, withSince: dealsChanged || previous is null);
            _room = !dealsChanged && previous is not null ? room with { Since = previous.Since } : room;
            if (_room.Meeting.Status == MeetingStatus.Ended)
            {
                _minutes = (await Meetings.MinutesAsync(_actor, Id))?.Markdown;
            }

            if (!_following && _browsed is { } browsed)
            {
                _browsed = await Pipeline.DetailsAsync(_actor, browsed.Card.Id);
            }

            // The deals the facilitator can add: the whole board, loaded again only when deals changed (not per note).
            if (IsFacilitator && (dealsChanged || _candidates.Count == 0))
            {
                _candidates = await Pipeline.CardsAsync();
            }

            return true;
        }
        catch (NotFoundException e)
        {
            _error = L.Describe(e);
            return false;
        }
    }

    private Task OnEventAsync(BoardEvent boardEvent) => boardEvent switch
    {
        MeetingChanged changed when changed.MeetingId == Id => InvokeAsync(async () =>
        {
            await ReloadAsync(dealsChanged: false);
            StateHasChanged();
        }),
        MeetingPresenceChanged presence when presence.MeetingId == Id => InvokeAsync(() =>
        {
            _present = presence.Present;
            StateHasChanged();
        }),
        DealMoved or DealEdited when Shows(boardEvent) => InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }),
        _ => Task.CompletedTask,
    };

    private bool Shows(BoardEvent boardEvent)
    {
        var dealId = boardEvent switch
        {
            DealMoved m => m.Card.Id,
            DealEdited e => e.Card.Id,
            _ => 0,
        };
        return _room is not null && (_room.Agenda.Any(a => a.Card.Id == dealId) || ShownDealId == dealId);
    }

    /// <summary>Runs a meeting action; a refusal is shown, translated, and changes nothing.</summary>
    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DomainException e)
        {
            Snackbar.Add(L.Describe(e), Severity.Error);
            await ReloadAsync();
        }
    }

    private Task StartAsync() => TryAsync(async () =>
    {
        await Meetings.StartAsync(_actor, Id);
        await ReloadAsync();
    });

    private async Task SelectAsync(int dealId)
    {
        if (IsFacilitator)
        {
            await TryAsync(() => Meetings.FocusAsync(_actor, Id, dealId));
        }
        else
        {
            // Picking a deal yourself means browsing freely until you switch back to follow.
            _following = false;
            _browsed = await Pipeline.DetailsAsync(_actor, dealId);
        }
    }

    private void Follow(bool follow)
    {
        _following = follow;
        if (!follow && _room?.Focused is { } focused)
        {
            _browsed = focused;
        }
    }

    private Task TakeOverAsync() => TryAsync(() => Meetings.TakeOverAsync(_actor, Id));

    private Task HandOverAsync(string userId) => TryAsync(() => Meetings.HandOverAsync(_actor, Id, userId));

    private Task RemoveAsync(int itemId) => TryAsync(() => Meetings.RemoveAgendaItemAsync(_actor, Id, itemId));

    private Task MoveItemAsync((int ItemId, int Direction) move) => TryAsync(() => Meetings.MoveAgendaItemAsync(_actor, Id, move.ItemId, move.Direction));

    private Task AddItemAsync(int dealId) => TryAsync(() => Meetings.AddAgendaItemAsync(_actor, Id, dealId));

    private async Task<bool> AddEntryAsync((int? DealId, MeetingEntryKind Kind, string Text) entry)
    {
        try
        {
            await Meetings.AddEntryAsync(_actor, Id, entry.DealId, entry.Kind, entry.Text);
            return true;
        }
        catch (DomainException e)
        {
            Snackbar.Add(L.Describe(e), Severity.Error);
            return false;
        }
    }

    private async Task<bool> AddActionAsync(ActionDraft draft)
    {
        try
        {
            await Meetings.AddActionAsync(_actor, Id, draft.DealId, draft.Text, draft.OwnerId ?? "",
                draft.DueDate ?? throw new DomainException("Error.Required", "Meetings.DueDate"));
            return true;
        }
        catch (DomainException e)
        {
            Snackbar.Add(L.Describe(e), Severity.Error);
            return false;
        }
    }

    private Task CompleteAsync((int ActionId, bool Done) change) => TryAsync(() => Meetings.CompleteActionAsync(_actor, change.ActionId, change.Done));

    /// <summary>A move from the room: the board's one move flow (its dialog, documents, conflict toast), and the room hears of it.</summary>
    private async Task MoveDealAsync((DealCard Card, string TargetKey) move)
    {
        var (card, target) = move;
        try
        {
            await Moves.MoveAsync(card, _stages.First(s => s.Key == target), _stages,
                (version, input) => Meetings.MoveDealAsync(_actor, Id, card.Id, version, target, input));
        }
        catch (DomainException e)
        {
            Snackbar.Add(L.Describe(e), Severity.Error);
            return;
        }

        await ReloadAsync();
    }

    /// <summary>A move on the board shown in the room: recorded in the meeting, like one from the focus panel.</summary>
    private Task<ChangeOutcome> MoveInMeetingAsync(Actor actor, int dealId, long version, string targetKey, StageEntryInput input) =>
        Meetings.MoveDealAsync(actor, Id, dealId, version, targetKey, input);

    private async Task EndAsync()
    {
        var confirm = await Dialogs.ShowMessageBoxAsync(L["Meetings.End"], L["Meetings.EndConfirm"], L["Meetings.End"], cancelText: L["Move.Cancel"]);
        if (confirm == true)
        {
            await TryAsync(async () =>
            {
                await Meetings.EndAsync(_actor, Id);
                await ReloadAsync();
            });
        }
    }
}

/// <summary>An action item being written in the room.</summary>
public sealed class ActionDraft
{
    public int? DealId { get; set; }

    public string Text { get; set; } = "";

    public string? OwnerId { get; set; }

    public DateOnly? DueDate { get; set; }
}
