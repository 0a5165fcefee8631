using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LtcHub.Tests.Support;

/// <summary>
/// The app started the way a person starts it: <c>dotnet run --project LtcHub.Web</c> (launch profile
/// and all) in its own process on 127.0.0.1, with the environment variables they would set.
/// </summary>
public sealed class AppRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppRun(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<AppRun> StartAsync(IDictionary<string, string> environment)
    {
        var root = RepositoryRoot();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "--no-build", "--project", Path.Combine(root, "LtcHub.Web"), "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var run = new AppRun(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        run._process.OutputDataReceived += (_, e) => run.Append(e.Data);
        run._process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(120);
        // The lifetime messages end with the content root, after "Now listening" and the environment.
        while (!run.Output.Contains("Content root path", StringComparison.Ordinal))
        {
            if (run._process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException("The app did not start:\n" + run.Output);
            }

            await Task.Delay(100);
        }

        return run;
    }

    public HttpClient Client(bool cookies = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies }) { BaseAddress = BaseUri };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LtcHub.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("LtcHub.sln not found above " + AppContext.BaseDirectory);
    }
}
