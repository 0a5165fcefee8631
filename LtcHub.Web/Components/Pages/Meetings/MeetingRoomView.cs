using LtcHub.Domain.Meetings;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Web.Components.Pages.Meetings;

/// <summary>
/// One window's view of a meeting room: the room as read from the database, and what this window shows —
/// the facilitator's focus while following, its own pick while browsing. Plain C#; the page renders it.
/// </summary>
public sealed class MeetingRoomView(MeetingRoomReader rooms, BoardReader board, BoardStore shared, Actor actor, int meetingId)
{
    private DealDetails? _browsed;

    public MeetingRoom? Room { get; private set; }

    /// <summary>The ended meeting's minutes (Markdown).</summary>
    public string? Minutes { get; private set; }

    /// <summary>The deals the facilitator can add to the agenda (the whole board).</summary>
    public IReadOnlyList<DealCard> Candidates { get; private set; } = [];

    public bool Following { get; private set; } = true;

    public bool IsFacilitator => Room?.Meeting is { Status: MeetingStatus.Live } m && m.FacilitatorId == actor.UserId;

    /// <summary>The deal this window shows: the meeting's focus when following, the person's own pick when browsing.</summary>
    public int? ShownDealId => Following || IsFacilitator ? Room?.Meeting.FocusedDealId : _browsed?.Card.Id;

    public DealDetails? ShownDetails => Following || IsFacilitator ? Room?.Focused : _browsed;

    /// <param name="dealsChanged">False when only the meeting changed (a note, the focus): "since last meeting" stays as it is.</param>
    /// <exception cref="Domain.Common.NotFoundException">The meeting is gone, or not this person's to see.</exception>
    public async Task ReloadAsync(bool dealsChanged = true)
    {
        var previous = Room;
        var room = await rooms.RoomAsync(actor, meetingId, withSince: dealsChanged || previous is null);
        Room = !dealsChanged && previous is not null ? room with { Since = previous.Since } : room;
        if (Room.Meeting.Status == MeetingStatus.Ended)
        {
            Minutes = (await rooms.MinutesAsync(actor, meetingId))?.Markdown;
        }

        if (!Following && _browsed is { } browsed)
        {
            _browsed = await board.DetailsAsync(actor, browsed.Card.Id);
        }

        // Loaded again only when deals changed (not per note), from the board every open board shares.
        if (IsFacilitator && (dealsChanged || Candidates.Count == 0))
        {
            Candidates = [.. (await shared.CurrentAsync()).Cards.Values];
        }
    }

    /// <summary>Picking a deal yourself means browsing freely until you switch back to follow.</summary>
    public async Task BrowseAsync(int dealId)
    {
        Following = false;
        _browsed = await board.DetailsAsync(actor, dealId);
    }

    public void Follow(bool follow)
    {
        Following = follow;
        if (!follow && Room?.Focused is { } focused)
        {
            _browsed = focused;
        }
    }

    /// <summary>A move or an edit of a deal this window shows (on the agenda, or in view).</summary>
    public bool Shows(BoardEvent boardEvent)
    {
        var dealId = boardEvent switch
        {
            DealMoved m => m.Card.Id,
            DealEdited e => e.Card.Id,
            _ => 0,
        };
        return Room is not null && dealId != 0 && (Room.Agenda.Any(a => a.Card.Id == dealId) || ShownDealId == dealId);
    }
}
