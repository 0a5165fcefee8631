namespace LtcHub.Web.Security;

/// <summary>
/// Blazor's <c>/_blazor</c> hub does not check where a connection comes from, and the sign-in cookie
/// (SameSite=Lax) is also sent by a page on another port of the same host. A browser always says
/// where a page comes from (<c>Origin</c>) on the negotiate request and the WebSocket upgrade, and a
/// page cannot hide it: a foreign origin is refused. Origins a reverse proxy presents the app under
/// are listed in <c>Security:AllowedOrigins</c>.
/// </summary>
public static class BlazorOriginCheck
{
    public const string HubPath = "/_blazor";

    public static IApplicationBuilder UseBlazorOriginCheck(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<IConfiguration>()
            .GetSection("Security:AllowedOrigins").Get<string[]>() ?? [];
        var allowed = configured.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BlazorOriginCheck));
        return app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(HubPath) || IsAllowed(context.Request, allowed))
            {
                return next(context);
            }

            logger.LogWarning("Refused a circuit connection to {Path} from origin {Origin}", context.Request.Path, context.Request.Headers.Origin.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
    }

    /// <summary>No Origin (not a browser page: a server-side client or a test harness), the app's own, or a configured one.</summary>
    public static bool IsAllowed(HttpRequest request, IReadOnlySet<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin.TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin.TrimEnd('/'));
    }
}
