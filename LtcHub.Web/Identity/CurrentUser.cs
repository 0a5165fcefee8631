using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace LtcHub.Web.Identity;

/// <summary>The signed-in person of this circuit, as the <see cref="Actor"/> that services check.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync() => await TryGetAsync() ?? throw new ForbiddenException("Error.NotSignedIn");

    /// <summary>The person, or null on a page anyone may see (the layout of an error page, say).</summary>
    public async Task<Actor?> TryGetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToActor();
    }
}
