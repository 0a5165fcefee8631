using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Meetings;

public enum MeetingStatus
{
    Scheduled,
    Live,
    Ended,
}

/// <summary>
/// A pipeline meeting: who takes part, which teams' deals it covers, and — once live — who leads it
/// and which deal everyone looks at. Everything the room shows lives here (and in its agenda, notes
/// and actions), so a reconnect or a server restart lands back in the same state.
/// </summary>
public sealed class Meeting
{
    public const int TitleMaxLength = 200;

    private readonly List<MeetingTeam> _teams = [];
    private readonly List<MeetingParticipant> _participants = [];

    private Meeting()
    {
    }

    public Meeting(
        string title, DateTime scheduledStartUtc, string culture, bool weekly, Guid seriesId, IEnumerable<int> teamIds,
        IEnumerable<string> participantIds, string createdById, DateTime nowUtc)
    {
        Title = Text.Required(title, TitleMaxLength, "Field.MeetingTitle");
        ScheduledStartUtc = scheduledStartUtc;
        Culture = culture is Languages.English ? Languages.English : Languages.Chinese;
        Weekly = weekly;
        SeriesId = seriesId;
        CreatedById = createdById;
        CreatedAtUtc = nowUtc;
        _teams.AddRange(teamIds.Distinct().Select(id => new MeetingTeam(id)));
        _participants.AddRange(participantIds.Append(createdById).Distinct().Select(id => new MeetingParticipant(id)));
        if (_teams.Count == 0)
        {
            throw new DomainException("Error.MeetingNeedsTeams");
        }

        Version = 1;
    }

    public int Id { get; private set; }

    public string Title { get; private set; } = "";

    public DateTime ScheduledStartUtc { get; private set; }

    /// <summary>The meeting's language (one of <see cref="Languages.All"/>): its minutes are written in it.</summary>
    public string Culture { get; private set; } = Languages.Chinese;

    /// <summary>A weekly meeting: ending it schedules the next one of its series a week later.</summary>
    public bool Weekly { get; private set; }

    public Guid SeriesId { get; private set; }

    public MeetingStatus Status { get; private set; }

    public DateTime? StartedAtUtc { get; private set; }

    public DateTime? EndedAtUtc { get; private set; }

    public string? FacilitatorId { get; private set; }

    public int? FocusedDealId { get; private set; }

    /// <summary>The report everyone looks at (its name, <c>data-focused-report</c>); a meeting focuses a deal or a report, not both.</summary>
    public string? FocusedReport { get; private set; }

    public string CreatedById { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public string? MinutesMarkdown { get; private set; }

    /// <summary>Concurrency token: two people taking over (or focusing) at once cannot both win unseen.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<MeetingTeam> Teams => _teams;

    public IReadOnlyList<MeetingParticipant> Participants => _participants;

    public bool IsParticipant(string userId) => _participants.Any(p => p.UserId == userId);

    public bool IsFacilitator(string userId) => Status == MeetingStatus.Live && FacilitatorId == userId;

    public void Start(string facilitatorId, DateTime nowUtc)
    {
        if (Status != MeetingStatus.Scheduled)
        {
            throw new DomainException(Status == MeetingStatus.Live ? "Error.MeetingAlreadyLive" : "Error.MeetingEnded");
        }

        Status = MeetingStatus.Live;
        StartedAtUtc = nowUtc;
        FacilitatorId = facilitatorId;
        AddParticipant(facilitatorId);
        Version++;
    }

    public void Focus(int? dealId)
    {
        RequireLive();
        FocusedDealId = dealId;
        FocusedReport = null;
        Version++;
    }

    public void FocusReport(string report)
    {
        RequireLive();
        FocusedReport = report;
        FocusedDealId = null;
        Version++;
    }

    /// <summary>Hands the facilitator role to another participant (or someone takes it over).</summary>
    public void SetFacilitator(string userId)
    {
        RequireLive();
        AddParticipant(userId);
        FacilitatorId = userId;
        Version++;
    }

    public void End(DateTime nowUtc, string minutesMarkdown)
    {
        RequireLive();
        Status = MeetingStatus.Ended;
        EndedAtUtc = nowUtc;
        MinutesMarkdown = minutesMarkdown;
        Version++;
    }

    /// <summary>The next meeting of a weekly series: same title, teams, people and language, a week later.</summary>
    public Meeting NextInSeries(DateTime nowUtc) =>
        new(Title, ScheduledStartUtc.AddDays(7), Culture, Weekly, SeriesId, _teams.Select(t => t.TeamId),
            _participants.Select(p => p.UserId), CreatedById, nowUtc);

    public MeetingParticipant AddParticipant(string userId)
    {
        if (_participants.FirstOrDefault(p => p.UserId == userId) is { } existing)
        {
            return existing;
        }

        var participant = new MeetingParticipant(userId);
        _participants.Add(participant);
        return participant;
    }

    private void RequireLive()
    {
        if (Status != MeetingStatus.Live)
        {
            throw new DomainException(Status == MeetingStatus.Ended ? "Error.MeetingEnded" : "Error.MeetingNotLive");
        }
    }
}

public sealed class MeetingTeam
{
    private MeetingTeam()
    {
    }

    public MeetingTeam(int teamId) => TeamId = teamId;

    public int MeetingId { get; private set; }

    public int TeamId { get; private set; }
}

public sealed class MeetingParticipant
{
    private MeetingParticipant()
    {
    }

    public MeetingParticipant(string userId) => UserId = userId;

    public int MeetingId { get; private set; }

    public string UserId { get; private set; } = "";

    /// <summary>When this person first joined the live room (the minutes list those who came).</summary>
    public DateTime? AttendedAtUtc { get; private set; }

    public void MarkAttended(DateTime nowUtc) => AttendedAtUtc ??= nowUtc;
}
