using System.Globalization;
using System.Security.Claims;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtcHub.Infrastructure.Identity;

/// <summary>Claim types LtcHub adds to the sign-in cookie, and how an <see cref="Actor"/> is read back.</summary>
public static class LtcHubClaims
{
    public const string DisplayName = "ltchub:display_name";
    public const string TeamId = "ltchub:team";
    public const string ManagedTeamId = "ltchub:managed_team";
    public const string Culture = "ltchub:culture";

    /// <summary>The server-side session this sign-in belongs to (<see cref="UserSessions"/>).</summary>
    public const string Session = "ltchub:session";

    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || id is null)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var team = int.TryParse(principal.FindFirstValue(TeamId), CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        var managed = principal.FindAll(ManagedTeamId)
            .Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToHashSet();
        var name = principal.FindFirstValue(DisplayName) ?? principal.Identity.Name ?? id;
        return new Actor(id, name, roles, team, managed);
    }
}

/// <summary>Puts display name, team and managed teams into the cookie at sign-in.</summary>
public sealed class LtcHubClaimsFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    IDbContextFactory<LtcHubDbContext> contexts)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LtcHubClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(LtcHubClaims.Culture, user.PreferredCulture));
        if (user.TeamId is { } teamId)
        {
            identity.AddClaim(new Claim(LtcHubClaims.TeamId, teamId.ToString(CultureInfo.InvariantCulture)));
        }

        await using var db = await contexts.CreateDbContextAsync();
        var managed = await db.Teams.Where(t => t.ManagerId == user.Id).Select(t => t.Id).ToListAsync();
        foreach (var id in managed)
        {
            identity.AddClaim(new Claim(LtcHubClaims.ManagedTeamId, id.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
