using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Components.Pages.Pipeline;
using LtcHub.Web.Components.Shared;
using LtcHub.Web.Identity;
using LtcHub.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LtcHub.Web.Components.Pages.Meetings;

/// <summary>
/// The live meeting room. Everything shown comes from the database (<see cref="MeetingRoomReader.RoomAsync"/>)
/// and is reloaded whenever the meeting, or one of its deals, changes; only presence and "browse freely"
/// are this window's own. Commands go to <see cref="MeetingService"/>; a refusal is shown and changes nothing.
/// </summary>
public partial class MeetingRoomPage
{
    private MeetingRoomView _view = null!;
    private IReadOnlyList<BoardStage> _stages = [];
    private IReadOnlyList<PresentUser> _present = [];
    private Actor _actor = null!;
    private RoomAttendance? _attendance;
    private LiveAnnouncer? _announcer;
    private string? _error;
    private bool _english;
    private DateOnly _today;

    /// <summary>The report this window shows: the meeting's focused report while following (or leading).</summary>
    private ReportLine? ShownReport =>
        (_view.Following || _view.IsFacilitator) && Room?.Meeting.FocusedReport is { } name ? Room.Reports.FirstOrDefault(r => r.Report == name) : null;

    [Parameter]
    public int Id { get; set; }

    // Null until the first load (the prerender pass may render before it).
    private MeetingRoom? Room => _view?.Room;

    protected override async Task OnInitializedAsync()
    {
        _english = Cultures.IsEnglish(CultureInfo.CurrentUICulture);
        _today = LtcHub.Infrastructure.CompanyTime.Today(Time);
        _actor = await Current.GetAsync();
        _stages = await Pipeline.StagesAsync();
        _view = new MeetingRoomView(Rooms, Pipeline, Board, _actor, Id);
        if (!await ReloadAsync())
        {
            return;
        }

        if (IsLive)
        {
            Listen<MeetingChanged>(changed => changed.MeetingId == Id, _ => ReloadFollowingFocusAsync());
            Listen<MeetingPresenceChanged>(presence => presence.MeetingId == Id, presence => _present = presence.Present);
            Listen<BoardEvent>(_view.Shows, _ => ReloadAsync());
            if (Room!.Meeting.Status == MeetingStatus.Live)
            {
                await Meetings.AttendAsync(_actor, Id);
            }

            _attendance = new RoomAttendance(Presence, Id);
            await _attendance.JoinAsync(_actor, CircuitPresence);
            _present = Presence.Present(Id);
        }
    }

    protected override void OnDisposed() => _attendance?.Dispose();

    /// <summary>The room changed; if what this person follows moved to another deal, a screen reader hears which.</summary>
    private async Task ReloadFollowingFocusAsync()
    {
        var before = _view.ShownDealId;
        var beforeReport = ShownReport?.Report;
        await ReloadAsync(dealsChanged: false);
        if (ShownReport is { } report && report.Report != beforeReport && !_view.IsFacilitator)
        {
            _announcer?.Announce(L["Meetings.Announce.Report", L[LtcHub.Infrastructure.Reports.ReportNames.TitleKey(report.Report)]]);
        }

        if (_view.ShownDealId != before && !_view.IsFacilitator && _view.ShownDetails is { } shown)
        {
            _announcer?.Announce(L["Meetings.Announce.Focus", shown.Card.Name]);
        }
    }

    private async Task<bool> ReloadAsync(bool dealsChanged = true)
    {
        try
        {
            await _view.ReloadAsync(dealsChanged);
            return true;
        }
        catch (NotFoundException e)
        {
            _error = L.Describe(e);
            return false;
        }
    }

    /// <summary>Runs a meeting action; a refusal is shown, translated, changes nothing, and the room shows what is true now.</summary>
    private async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (DomainException e)
        {
            Snackbar.Add(L.Describe(e), Severity.Error);
            await ReloadAsync();
            return false;
        }
    }

    private Task StartAsync() => TryAsync(async () =>
    {
        await Scheduler.StartAsync(_actor, Id);
        await ReloadAsync();
    });

    private Task SelectAsync(int dealId) =>
        _view.IsFacilitator ? TryAsync(() => Meetings.FocusAsync(_actor, Id, dealId)) : _view.BrowseAsync(dealId);

    private Task AddReportAsync((string Report, LtcHub.Infrastructure.Reports.ReportFilter Filter) add) =>
        TryAsync(() => AgendaReports.AddReportAsync(_actor, Id, add.Report, add.Filter));

    private Task RemoveReportAsync(int lineId) => TryAsync(() => AgendaReports.RemoveReportAsync(_actor, Id, lineId));

    /// <summary>Shows a report on every screen; its figures, in the meeting's language, go with it into the minutes.</summary>
    private Task FocusReportAsync(int lineId) => TryAsync(() => AgendaReports.FocusReportAsync(_actor, Id, lineId, Snapshot));

    private string Snapshot(LtcHub.Infrastructure.Reports.ReportResult result, CultureInfo culture)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
            return LtcHub.Web.Reports.ReportWriter.Markdown(result, L, culture);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }

    private Task TakeOverAsync() => TryAsync(() => Meetings.TakeOverAsync(_actor, Id));

    private Task HandOverAsync(string userId) => TryAsync(() => Meetings.HandOverAsync(_actor, Id, userId));

    private Task RemoveAsync(int itemId) => TryAsync(() => Meetings.RemoveAgendaItemAsync(_actor, Id, itemId));

    private Task MoveItemAsync((int ItemId, int Direction) move) => TryAsync(() => Meetings.MoveAgendaItemAsync(_actor, Id, move.ItemId, move.Direction));

    private Task AddItemAsync(int dealId) => TryAsync(() => Meetings.AddAgendaItemAsync(_actor, Id, dealId));

    private Task<bool> AddEntryAsync((int? DealId, MeetingEntryKind Kind, string Text) entry) =>
        TryAsync(() => Meetings.AddEntryAsync(_actor, Id, entry.DealId, entry.Kind, entry.Text));

    private Task<bool> AddActionAsync(ActionDraft draft) =>
        TryAsync(() => Meetings.AddActionAsync(_actor, Id, draft.DealId, draft.Text, draft.OwnerId ?? "",
            draft.DueDate ?? throw new DomainException("Error.Required", "Meetings.DueDate")));

    /// <summary>A decision about a deal goes into its customer's follow-up log, as a meeting.</summary>
    private async Task LogFollowUpAsync(EntryLine decision)
    {
        if (await TryAsync(() => FollowUps.LogAsync(_actor, new LtcHub.Infrastructure.Accounts.FollowUpDraft(null, decision.DealId, null,
                LtcHub.Domain.FollowUps.FollowUpKind.Meeting, $"{Room!.Meeting.Title}: {decision.Text}"))))
        {
            Snackbar.Add(L["FollowUp.Logged"], Severity.Success);
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
