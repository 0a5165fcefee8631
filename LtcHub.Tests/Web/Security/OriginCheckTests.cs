using System.Net;
using System.Net.WebSockets;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Web.Security;

/// <summary>The circuit hub (<c>/_blazor</c>) only accepts browsers on the app's own pages (or origins configured for a proxy).</summary>
public class OriginCheckTests : IAsyncLifetime
{
    private readonly ProxiedApp _app = new();
    private Uri _base = null!;
    private string _cookie = "";

    public async Task InitializeAsync()
    {
        _base = _app.StartKestrel();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = _base };
        var response = await client.PostLoginAsync("sales1@ltchub.local", DemoUsers.Password);
        _cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("LtcHub.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpStatusCode> ConnectAsync(string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", _cookie);
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(_base) { Scheme = "ws", Path = "/_blazor" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            var status = socket.HttpStatusCode;
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return status;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task AWebSocketFromAForeignOrigin_IsRefused_AndTheAppsOwnIsAccepted()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await ConnectAsync("http://evil.example"));

        // Another port of the same host is another origin: the cookie would go there, the circuit must not.
        Assert.Equal(HttpStatusCode.Forbidden, await ConnectAsync($"http://{_base.Host}:{_base.Port + 1}"));

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(_base.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync("https://board.example.com"));
    }

    [Fact]
    public async Task Negotiate_FromAForeignOrigin_IsRefused()
    {
        using var client = new HttpClient { BaseAddress = _base };
        async Task<HttpStatusCode> NegotiateAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Cookie", _cookie);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("http://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(_base.GetLeftPart(UriPartial.Authority)));
    }

    /// <summary>The app as it runs behind a proxy that presents it at https://board.example.com.</summary>
    private sealed class ProxiedApp : LtcHubApp
    {
        protected override void ConfigureSettings(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("Security:AllowedOrigins:0", "https://board.example.com");
    }
}
