using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LtcHub.Infrastructure.Api;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Web.Api;

/// <summary>An API client as an integration would be: a personal access token made the way a person makes one on their profile.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<string> TokenAsync(this LtcHubApp app, string email, ApiScope scope = ApiScope.ReadWrite, int days = 30)
    {
        var made = await app.Get<ApiTokenService>().CreateAsync(await app.ActorAsync(email), "test " + scope, scope,
            LtcHub.Infrastructure.CompanyTime.Today(DateTime.UtcNow).AddDays(days));
        return made.Secret;
    }

    public static HttpClient ApiAs(this LtcHubApp app, string? token, string culture = "en-US")
    {
        var client = app.CreateAnonymous(culture);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<HttpClient> ApiAsync(this LtcHubApp app, string email, ApiScope scope = ApiScope.ReadWrite, string culture = "en-US") =>
        app.ApiAs(await app.TokenAsync(email, scope), culture);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body, long? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return client.SendAsync(request);
    }
}
