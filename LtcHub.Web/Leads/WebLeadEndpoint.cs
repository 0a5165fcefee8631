using System.Net;
using System.Threading.RateLimiting;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Leads;

/// <summary>
/// <c>POST /forms/{token}</c>: a campaign's web-to-lead form, posted from any website (so no sign-in and no
/// antiforgery token), limited per address and form, with a honeypot field for bots. Answers with a short page.
/// </summary>
public static class WebLeadEndpoint
{
    public const string Path = "/forms";
    public const string Honeypot = "website";
    public const int PerWindow = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapWebLeads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path + "/{token}", async (string token, HttpContext http, WebLeadService forms, WebLeadThrottle throttle,
            IStringLocalizer<SharedResource> l) =>
        {
            if (!throttle.MayPost($"{http.Connection.RemoteIpAddress}|{token}"))
            {
                return Page(l["WebForm.TooMany"], StatusCodes.Status429TooManyRequests);
            }

            if (!http.Request.HasFormContentType)
            {
                return Page(l["WebForm.NotAForm"], StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync();
            try
            {
                await forms.SubmitAsync(token, new WebLeadForm(form["company"], form["name"], form["phone"], form["email"], form["need"], form[Honeypot]));
                return Page(l["WebForm.Thanks"], StatusCodes.Status200OK);
            }
            catch (NotFoundException)
            {
                return Page(l["WebForm.Closed"], StatusCodes.Status404NotFound);
            }
            catch (DomainException refused)
            {
                return Page(l.Describe(refused), StatusCodes.Status400BadRequest);
            }
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static IResult Page(string message, int status) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LtcHub</title></head><body><p data-testid=\"web-form-result\">{WebUtility.HtmlEncode(message)}</p></body></html>",
        "text/html; charset=utf-8", statusCode: status);
}

/// <summary>How often one address may post to one form (a fixed window; public forms are a spam target).</summary>
public sealed class WebLeadThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = WebLeadEndpoint.PerWindow,
            Window = WebLeadEndpoint.Window,
            QueueLimit = 0,
        }));

    public bool MayPost(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
