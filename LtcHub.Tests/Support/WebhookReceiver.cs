using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtcHub.Tests.Support;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request (headers and body) and answers
/// 500 to the first <see cref="FailFirst"/> of them, as a receiver that is down for a while would.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    public sealed record Received(string Event, string Delivery, string Timestamp, string Signature, string Body, HttpStatusCode Answered);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public int FailFirst { get; set; }

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var status = Interlocked.Increment(ref receiver._seen) <= receiver.FailFirst ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;
            receiver.Requests.Enqueue(new Received(http.Request.Headers["X-LtcHub-Event"].ToString(), http.Request.Headers["X-LtcHub-Delivery"].ToString(),
                http.Request.Headers["X-LtcHub-Timestamp"].ToString(), http.Request.Headers["X-LtcHub-Signature"].ToString(), body, status));
            return Results.StatusCode((int)status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
