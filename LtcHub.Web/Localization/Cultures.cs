using System.Globalization;
using LtcHub.Domain.Common;
using Microsoft.AspNetCore.Localization;

namespace LtcHub.Web.Localization;

/// <summary>The two UI languages and how the choice is remembered (a cookie).</summary>
public static class Cultures
{
    public const string Chinese = Languages.Chinese;
    public const string English = Languages.English;
    public const string Default = Chinese;

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Default)
            .AddSupportedCultures([.. Supported])
            .AddSupportedUICultures([.. Supported]);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary><c>GET /culture/set?culture=en-US&amp;redirectUri=/pipeline</c>: remembers the choice for a year.</summary>
    public static IResult Set(HttpContext context, string? culture, string? redirectUri)
    {
        if (culture is not null && Supported.Contains(culture))
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return Results.LocalRedirect(LocalUrl.OrRoot(redirectUri));
    }
}
