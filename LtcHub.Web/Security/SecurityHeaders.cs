namespace LtcHub.Web.Security;

/// <summary>
/// The web's usual defences on every response: a Content-Security-Policy the app (Blazor Server and
/// MudBlazor) runs under, no MIME sniffing, no framing, a strict referrer and no powerful features.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from this site (no inline script: the page has none); MudBlazor sets inline styles
    /// (its theme and positions), so styles allow them; the circuit's WebSocket goes to this site.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Hangfire's dashboard and the API reference page write inline scripts of their own; they get the same policy with those allowed.</summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") || context.Request.Path.StartsWithSegments(Api.ApiSetup.DocsPath)
                    ? DashboardPolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.Remove("Server");
                headers.Remove("X-Powered-By");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
