namespace LtcHub.Infrastructure.Identity;

/// <summary>
/// One signed-in browser. The sign-in cookie carries only this row's id; the ticket (who, roles,
/// claims) stays on the server, encrypted. Deleting the row ends the session at once, for every copy
/// of the cookie.
/// </summary>
public sealed class UserSession
{
    public const int AddressMaxLength = 64;
    public const int DeviceMaxLength = 300;

    private UserSession()
    {
    }

    public UserSession(string id, string userId, byte[] ticket, DateTime nowUtc, DateTime? expiresAtUtc, string? address, string? device)
    {
        Id = id;
        UserId = userId;
        Ticket = ticket;
        CreatedAtUtc = nowUtc;
        LastSeenAtUtc = nowUtc;
        ExpiresAtUtc = expiresAtUtc;
        Address = Domain.Common.Text.Truncate(address ?? "", AddressMaxLength);
        Device = Domain.Common.Text.Truncate(device ?? "", DeviceMaxLength);
    }

    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public byte[] Ticket { get; private set; } = [];

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime LastSeenAtUtc { get; private set; }

    public DateTime? ExpiresAtUtc { get; private set; }

    /// <summary>The address it signed in from.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The browser's user agent, as sent.</summary>
    public string Device { get; private set; } = "";

    public bool IsExpired(DateTime nowUtc) => ExpiresAtUtc is { } expires && expires <= nowUtc;

    public void Renew(byte[] ticket, DateTime? expiresAtUtc, DateTime nowUtc)
    {
        Ticket = ticket;
        ExpiresAtUtc = expiresAtUtc;
        LastSeenAtUtc = nowUtc;
    }
}
