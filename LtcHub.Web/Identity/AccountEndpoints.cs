using LtcHub.Infrastructure.Identity;
using LtcHub.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LtcHub.Web.Identity;

public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (with the antiforgery token) signs out; a GET never does.
        // Signing out ends every session of the person (every device, every copied cookie, every live circuit).
        endpoints.MapPost(LogoutPath, async (HttpContext context, SignInManager<ApplicationUser> signIn, UserSessions sessions) =>
        {
            if (context.User.ToActor() is { } actor)
            {
                await sessions.SignOutEverywhereAsync(actor);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        });

        endpoints.MapGet("/culture/set", Cultures.Set).AllowAnonymous();
        return endpoints;
    }
}
