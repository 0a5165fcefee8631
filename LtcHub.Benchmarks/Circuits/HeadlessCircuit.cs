using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Benchmarks.Circuits;

/// <summary>
/// One real Blazor Server circuit without a browser (see ../shared/BLAZOR-LOAD-NOTES.md): the page's markers from a GET,
/// <c>/_blazor</c> over WebSockets with blazorpack, every render batch acknowledged and every JS call answered. It
/// counts what the server sends and stamps the first batch that holds a watched text.
/// </summary>
internal sealed partial class HeadlessCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly WebSession _session;
    private string? _circuitId;
    private Watch? _watch;
    private int _jsObjects;
    private long _batches;
    private long _bytes;
    private long _components;

    private HeadlessCircuit(WebSession session, HubConnection connection)
    {
        _session = session;
        _connection = connection;
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatch);
        _connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJs);
        _connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        _connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        _connection.On<string>("JS.Error", error => Errors.Enqueue(error));
        _connection.Closed += error =>
        {
            Closed = error?.Message ?? "closed";
            return Task.CompletedTask;
        };
    }

    /// <summary>What the server reported as a circuit error (a rendering or JS-interop failure).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Why the connection closed, if it did.</summary>
    public string? Closed { get; private set; }

    public (long Batches, long Bytes, long Components) Received => (Interlocked.Read(ref _batches), Interlocked.Read(ref _bytes), Interlocked.Read(ref _components));

    /// <summary>GETs <paramref name="path"/> for fresh markers, starts the circuit, and waits for the first batch holding <paramref name="ready"/>.</summary>
    public static async Task<HeadlessCircuit> OpenAsync(WebSession session, string path, string ready, TimeSpan timeout)
    {
        var html = await session.Http.GetStringAsync(path);
        var markers = Markers().Matches(html).Select(m => m.Groups[1].Value).Where(m => m.Contains("\"type\":\"server\"", StringComparison.Ordinal)).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server markers (signed out?)");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var connection = Connect(session);
        var circuit = new HeadlessCircuit(session, connection);
        var seen = circuit.Arm(ready);
        await connection.StartAsync();
        circuit._circuitId = await connection.InvokeAsync<string?>("StartCircuit", session.BaseUri.ToString(), new Uri(session.BaseUri, path).ToString(), "[]", "")
            ?? throw new InvalidOperationException("The server refused to start a circuit");
        var operations = markers.Select((m, i) => $"{{\"type\":\"add\",\"ssrComponentId\":{i + 1},\"marker\":{m}}}");
        await connection.SendAsync("UpdateRootComponents", $"{{\"batchId\":1,\"operations\":[{string.Join(',', operations)}]}}", state);
        if (await Task.WhenAny(seen, Task.Delay(timeout)) != seen)
        {
            await circuit.DisposeAsync();
            throw new TimeoutException($"{path}: '{ready}' not rendered within {timeout.TotalSeconds:0} s ({string.Join("; ", circuit.Errors)})");
        }

        return circuit;
    }

    private static HubConnection Connect(WebSession session)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(session.BaseUri, "_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.Cookies = session.Cookies;
                o.SkipNegotiation = true;
            })
            .WithServerTimeout(TimeSpan.FromMinutes(5));
        builder.Services.AddSingleton<IHubProtocol, BlazorPack>();
        return builder.Build();
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first batch from now on that holds <paramref name="text"/>.</summary>
    public Task<long> Arm(string text)
    {
        var watch = new Watch(Encoding.UTF8.GetBytes(text));
        Volatile.Write(ref _watch, watch);
        return watch.Seen.Task;
    }

    private void OnRenderBatch(long batchId, byte[] data)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _bytes, data.Length);
        Interlocked.Add(ref _components, RenderBatchStats.UpdatedComponents(data));
        if (Volatile.Read(ref _watch) is { } watch && data.AsSpan().IndexOf(watch.Text) >= 0)
        {
            watch.Seen.TrySetResult(now);
        }

        _ = _connection.SendAsync("OnRenderCompleted", batchId, null);
        Trace?.Invoke(data);
    }

    /// <summary>Sees every batch (to find out what a circuit is sent).</summary>
    public Action<byte[]>? Trace { get; set; }

    private void OnBeginInvokeJs(long handle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (handle == 0)
        {
            return;
        }

        // 1 = a JS object reference is expected; MudBlazor's value-returning calls want something plausible.
        var result = resultType == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref _jsObjects)}}}"
            : identifier.Contains("count", StringComparison.OrdinalIgnoreCase) ? "1"
            : "null";
        _ = _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
    }

    public async ValueTask DisposeAsync()
    {
        if (_circuitId is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new("circuitId", _circuitId)]);
                await _session.Http.PostAsync("_blazor/disconnect", form);
            }
            catch (HttpRequestException)
            {
                // The server is gone already.
            }
        }

        await _connection.DisposeAsync();
    }

    private sealed class Watch(byte[] text)
    {
        public byte[] Text { get; } = text;

        public TaskCompletionSource<long> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();
}

/// <summary>One person's cookies (signed in once) shared by all of their circuits.</summary>
internal sealed partial class WebSession : IDisposable
{
    private WebSession(Uri baseUri)
    {
        BaseUri = baseUri;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUri { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>Signs in through the real form (antiforgery token from the GET, then the POST).</summary>
    public static async Task<WebSession> SignInAsync(Uri baseUri, string email, string password)
    {
        var session = new WebSession(baseUri);
        var page = await session.Http.GetStringAsync("account/login");
        var token = Antiforgery().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the sign-in page");
        using var form = new FormUrlEncodedContent(
        [
            new("_handler", "login"), new("__RequestVerificationToken", token),
            new("Input.Email", email), new("Input.Password", password), new("Input.RememberMe", "false"),
        ]);
        var answer = await session.Http.PostAsync("account/login", form);
        if (answer.StatusCode != HttpStatusCode.Redirect && answer.StatusCode != HttpStatusCode.Found && answer.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)answer.StatusCode}, not a redirect");
        }

        return session;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
