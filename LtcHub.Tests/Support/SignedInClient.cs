using System.Net;
using LtcHub.Infrastructure.Seeding;
using System.Text.RegularExpressions;

namespace LtcHub.Tests.Support;

/// <summary>Signs in through the real login form (antiforgery token and all), as a browser would.</summary>
public static partial class SignedInClient
{
    public static HttpClient CreateAnonymous(this LtcHubApp app, string culture = "en-US")
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(
        this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = "/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var form = await client.GetStringAsync(path);
        var token = TokenPattern().Match(form);
        Assert.True(token.Success, "the login form carries an antiforgery token");
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static async Task<HttpClient> SignedInAsync(this LtcHubApp app, string email, string culture = "en-US")
    {
        var client = app.CreateAnonymous(culture);
        var response = await client.PostLoginAsync(email, DemoUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Signs out with the app bar's form (a POST with the antiforgery token of a page).</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(this HttpClient client)
    {
        var token = TokenPattern().Match(await client.GetStringAsync("/meetings"));
        Assert.True(token.Success, "the page carries the sign-out form's antiforgery token");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
