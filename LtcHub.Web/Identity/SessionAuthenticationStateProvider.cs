using System.Security.Claims;
using LtcHub.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace LtcHub.Web.Identity;

/// <summary>
/// A circuit keeps the user it started with for hours. Every half minute it checks that its session
/// still exists; once the session is ended (on any instance) the circuit's user becomes anonymous and
/// the page sends them to sign in. <see cref="Components.Shared.SessionGuard"/> does the same at once
/// when the end is announced on this instance.
/// </summary>
internal sealed class SessionAuthenticationStateProvider(ILoggerFactory loggers, UserSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        state.User.FindFirstValue(LtcHubClaims.Session) is { } session && await sessions.IsActiveAsync(session);
}
