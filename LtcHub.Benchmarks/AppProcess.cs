using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LtcHub.Benchmarks;

/// <summary>
/// The real LtcHub.Web, built in this benchmark's configuration, started as its own process on
/// 127.0.0.1 with a fresh SQLite file seeded with <c>dealCount</c> demo deals.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private AppProcess(Process process, string folder, Uri baseUri, string databasePath)
    {
        _process = process;
        _folder = folder;
        BaseUri = baseUri;
        DatabasePath = databasePath;
    }

    public Uri BaseUri { get; }

    public string DatabasePath { get; }

    public int ProcessId => _process.Id;

    /// <param name="databasePath">A database file to use (and keep); by default a fresh one in a temp folder, deleted afterwards.</param>
    /// <param name="settings">More settings, as environment variables (<c>Section__Key</c>).</param>
    public static async Task<AppProcess> StartAsync(int dealCount, string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "LtcHub.Web");
        var dll = Path.Combine(web, "bin", Configuration, "net10.0", "LtcHub.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build LtcHub.Web in {Configuration} first (dotnet run -c {Configuration} builds it).", dll);
        }

        var folder = Directory.CreateTempSubdirectory("ltchub-bench-").FullName;
        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}");
        databasePath ??= Path.Combine(folder, "bench.db");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = baseUri.ToString(),
                ["ConnectionStrings__LtcHub"] = $"Data Source={databasePath}",
                ["Jobs__RunDunningAtStartup"] = "false",
                ["Smtp__PickupFolder"] = Path.Combine(folder, "mail"),
                ["Seed__DemoData"] = "true",
                ["Seed__DemoDealCount"] = dealCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start LtcHub.Web");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("  [app] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, folder, baseUri, databasePath);
        await app.WaitUntilHealthyAsync(TimeSpan.FromMinutes(5));
        return app;
    }

    /// <summary>Memory of the app process right now (working set, MB).</summary>
    public double WorkingSetMegabytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / 1024.0 / 1024.0;
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"LtcHub.Web exited with code {_process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (migrating and seeding).
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("LtcHub.Web did not become healthy in time");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LtcHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("LtcHub.sln not found above " + AppContext.BaseDirectory);
    }
}
