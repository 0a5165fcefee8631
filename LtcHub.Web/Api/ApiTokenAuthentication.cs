using System.Security.Claims;
using System.Text.Encodings.Web;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LtcHub.Web.Api;

/// <summary>
/// <c>Authorization: Bearer ltc_…</c> for <c>/api/v1</c>. The token names its user; the principal is built afresh from
/// that user on every request (roles, team, managed teams), exactly as the sign-in cookie is, so a token never
/// reaches beyond what its user may do today. A disabled user's tokens stop at once.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "ltchub:api_scope";
    public const string TokenClaim = "ltchub:api_token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim());
        if (caller is null)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        var users = Context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(caller.UserId);
        if (user is null || UserAdminService.IsDisabled(user))
        {
            return AuthenticateResult.Fail("The token's user is disabled.");
        }

        var principal = await Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, principal.Identities.First().NameClaimType, principal.Identities.First().RoleClaimType);
        identity.AddClaim(new Claim(ScopeClaim, caller.Scope.ToString()));
        identity.AddClaim(new Claim(TokenClaim, caller.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Api.Unauthorized");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Api.ReadOnlyToken");
}
