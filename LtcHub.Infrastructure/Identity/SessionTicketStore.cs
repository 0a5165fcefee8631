using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace LtcHub.Infrastructure.Identity;

/// <summary>
/// Keeps sign-in tickets in the database (<see cref="UserSessions"/>) instead of in the cookie. The
/// cookie names the session; the session's id is also a claim, so a live circuit knows which session
/// it belongs to and leaves when that session ends.
/// </summary>
public sealed class SessionTicketStore(UserSessions sessions, IDataProtectionProvider protection, IHttpContextAccessor http) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("LtcHub.Sessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var request = http.HttpContext;
        await sessions.CreateAsync(id, userId, Protect(ticket, id), ticket.Properties.ExpiresUtc?.UtcDateTime,
            request?.Connection.RemoteIpAddress?.ToString(), request?.Request.Headers.UserAgent.ToString());
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        sessions.RenewAsync(key, Protect(ticket, key), ticket.Properties.ExpiresUtc?.UtcDateTime);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (await sessions.TicketAsync(key) is not { } bytes)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(bytes));
        }
        catch (CryptographicException)
        {
            // Keys changed (another machine's keys, lost keys): the session cannot be read, so it is over.
            return null;
        }
    }

    public Task RemoveAsync(string key) => sessions.RemoveAsync(key);

    /// <summary>
    /// The ticket with its session claim (added again when the security-stamp check rebuilds the principal),
    /// serialized and encrypted.
    /// </summary>
    private byte[] Protect(AuthenticationTicket ticket, string id)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == LtcHubClaims.Session))
        {
            identity.AddClaim(new Claim(LtcHubClaims.Session, id));
        }

        return _protector.Protect(TicketSerializer.Default.Serialize(ticket));
    }
}
