using LtcHub.Domain.Common;

namespace LtcHub.Domain.Meetings;

/// <summary>Why a deal is on the agenda. The first flag (in declaration order) is the group it is shown in.</summary>
[Flags]
public enum AgendaReason
{
    None = 0,
    AwaitingHandoff = 1 << 0,
    CloseDatePassed = 1 << 1,
    CloseDateSlipped = 1 << 2,
    Stale = 1 << 3,
    OverWip = 1 << 4,
    Biggest = 1 << 5,
    Added = 1 << 6,
}

public static class AgendaReasons
{
    public static AgendaReason Group(this AgendaReason reasons) => reasons.Split().FirstOrDefault();
}

/// <summary>One deal to discuss. Removing hides it (and keeps its notes); position orders the agenda.</summary>
public sealed class AgendaItem
{
    private AgendaItem()
    {
    }

    public AgendaItem(int meetingId, int dealId, AgendaReason reasons, int position)
    {
        MeetingId = meetingId;
        DealId = dealId;
        Reasons = reasons;
        Position = position;
    }

    public int Id { get; private set; }

    public int MeetingId { get; private set; }

    public int DealId { get; private set; }

    public AgendaReason Reasons { get; private set; }

    public int Position { get; set; }

    public bool Removed { get; private set; }

    public void Remove() => Removed = true;

    public void Restore(int position)
    {
        Removed = false;
        Position = position;
    }
}
