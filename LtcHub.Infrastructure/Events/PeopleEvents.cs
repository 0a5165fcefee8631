namespace LtcHub.Infrastructure.Events;

/// <summary>Who has the board open, and who is editing which card.</summary>
public sealed record PresenceChanged(IReadOnlyList<PresentUser> Present) : BoardEvent;

public sealed record PresentUser(string UserId, string DisplayName, int? EditingDealId);

/// <summary>Something in a meeting changed (focus, facilitator, agenda, notes, actions, status): its rooms reload it.</summary>
public sealed record MeetingChanged(int MeetingId, string ActorName) : BoardEvent;

/// <summary>Who is in a meeting's room now.</summary>
public sealed record MeetingPresenceChanged(int MeetingId, IReadOnlyList<PresentUser> Present) : BoardEvent;

/// <summary>These sessions of a user were ended (signed out, a new password, new roles, disabled): their circuits leave.</summary>
public sealed record SessionsEnded(string UserId, IReadOnlyList<string> SessionIds) : BoardEvent;

/// <summary>
/// A person's notifications changed; <see cref="Toast"/> is the newest new alert's text (null when only read state
/// changed) and <see cref="More"/> how many other alerts arrived with it (a job's run: one event per person, not per alert).
/// </summary>
public sealed record NotificationsChanged(string UserId, string? Toast, int More = 0) : BoardEvent;
