using System.Globalization;
using System.Net.Http.Json;

namespace LtcHub.Benchmarks.Circuits;

/// <summary>The app process seen from outside: CPU time from /proc, managed heap after a full GC from the app's diagnostics endpoint.</summary>
internal sealed class ServerGauge(AppProcess app, HttpClient http)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU the app has used, in milliseconds.</summary>
    public double CpuMilliseconds()
    {
        var stat = File.ReadAllText($"/proc/{app.ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / TicksPerSecond;
    }

    /// <summary>Waits until the app has used less than a fifth of a core for a second (start-up work, circuits settling), or <paramref name="limit"/>.</summary>
    public async Task QuietAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var before = CpuMilliseconds();
            await Task.Delay(1000);
            if (CpuMilliseconds() - before < 200)
            {
                return;
            }
        }
    }

    /// <summary>CPU the app uses per second with nothing happening (timers, job polling), over <paramref name="period"/>.</summary>
    public async Task<double> IdlePerSecondAsync(TimeSpan period)
    {
        var before = CpuMilliseconds();
        await Task.Delay(period);
        return (CpuMilliseconds() - before) / period.TotalSeconds;
    }

    public async Task<(double HeapKb, double WorkingSetKb)> MemoryAsync()
    {
        var memory = await http.GetFromJsonAsync<Memory>(new Uri(app.BaseUri, "diagnostics/heap"));
        return (memory!.HeapBytes / 1024.0, memory.WorkingSetBytes / 1024.0);
    }

    private sealed record Memory(long HeapBytes, long WorkingSetBytes);
}
