using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace LtcHub.Web.Identity;

/// <summary>The signed-in person of this circuit, as the <see cref="Actor"/> that services check.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToActor() ?? throw new ForbiddenException("Error.NotSignedIn");
    }
}
