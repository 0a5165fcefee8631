namespace LtcHub.Domain.Common;

/// <summary>
/// Someone else changed this since the acting user read it (their version is stale). Nothing was written;
/// <see cref="ChangedBy"/> names who got there first, so the user (or an API client) can look again.
/// </summary>
public sealed class ConflictException(string code, string? changedBy, params object[] args) : DomainException(code, args)
{
    public string? ChangedBy { get; } = changedBy;
}
