using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LtcHub.Infrastructure.Seeding;

namespace LtcHub.Benchmarks.Circuits;

/// <summary>
/// N real signed-in boards held without a browser while one deal moves through the app's move path; the same for the
/// trivial board (200 cards, one notifier, one re-render per event) in the same app and run. Prints, per step, what
/// an observer waits and what each observer costs the server, and LtcHub ÷ trivial. Asserts nothing; stops itself.
/// </summary>
internal static class CircuitBenchmark
{
    private const string TrivialPath = "diagnostics/trivial-board";
    private const string TrivialProbe = "Trivial probe card";

    public static async Task RunAsync(int[] steps, int deals, int moves, TimeSpan interval)
    {
        var started = Stopwatch.StartNew();
        await using var app = await AppProcess.StartAsync(deals, settings: new Dictionary<string, string> { ["Diagnostics__LoadHarness"] = "true" });
        Console.WriteLine($"\n== Circuits: {deals} deals, {moves} moves per step, a move at most every {interval.TotalMilliseconds:0} ms (app ready in {started.Elapsed.TotalSeconds:0} s)");
        Console.WriteLine("   observers: salesmgr1 on /pipeline; mover: Admin through POST /api/v1/deals/{id}/move, with their own board open;");
        Console.WriteLine($"   trivial: /{TrivialPath} in the same app (same signed-in cookie), moved by POST /{TrivialPath}/move");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var gauge = new ServerGauge(app, http);
        using var mover = await ApiMover.CreateAsync(app);
        using var observers = await WebSession.SignInAsync(app.BaseUri, "salesmgr1@ltchub.local", DemoUsers.Password);
        using var admin = await WebSession.SignInAsync(app.BaseUri, "admin@ltchub.local", DemoUsers.Password);
        await using var ownBoard = await HeadlessCircuit.OpenAsync(admin, "pipeline", ApiMover.ProbeName, TimeSpan.FromSeconds(60));
        var trivialMove = new Uri(app.BaseUri, TrivialPath + "/move");
        await gauge.QuietAsync(TimeSpan.FromSeconds(90));

        var results = new List<(StepResult Board, StepResult Trivial)>();
        foreach (var n in steps)
        {
            var board = await MeasureAsync("LtcHub", n, observers, "pipeline", ApiMover.ProbeName, mover.MoveAsync, ownBoard, gauge, moves, interval);
            var trivial = await MeasureAsync("trivial", n, observers, TrivialPath, TrivialProbe, async () =>
            {
                var watch = Stopwatch.StartNew();
                (await http.PostAsync(trivialMove, null)).EnsureSuccessStatusCode();
                return watch.Elapsed.TotalMilliseconds;
            }, null, gauge, moves, interval);
            results.Add((board, trivial));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {n}: p50 {board.P(50):0} p95 {board.P(95):0} ms, trivial p95 {trivial.P(95):0} ms, ratio {board.P(95) / trivial.P(95):0.0}, " +
                $"heap/circuit {board.HeapPerCircuitKb:0} KB (trivial {trivial.HeapPerCircuitKb:0} KB)"));
        }

        PrintTable(results);
    }

    private static async Task<StepResult> MeasureAsync(string label, int n, WebSession session, string path, string probe, Func<Task<double>> move,
        HeadlessCircuit? ownBoard, ServerGauge gauge, int moves, TimeSpan interval)
    {
        var (heapBefore, rssBefore) = await gauge.MemoryAsync();
        var circuits = new ConcurrentBag<HeadlessCircuit>();
        var openTimes = new ConcurrentBag<double>();
        var failures = 0;
        var opening = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                circuits.Add(await HeadlessCircuit.OpenAsync(session, path, probe, TimeSpan.FromSeconds(120)));
                openTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
            {
                if (Interlocked.Increment(ref failures) <= 3)
                {
                    Console.WriteLine($"   ! {label}: a circuit did not open: {e.Message}");
                }
            }
        });
        var openedIn = opening.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2)); // joins announced, first renders acknowledged
        var (heapAfter, rssAfter) = await gauge.MemoryAsync();
        var open = circuits.ToList();
        if (Environment.GetEnvironmentVariable("LTCHUB_HARNESS_TRACE") is "1" && open.Count > 0)
        {
            // What one observer is sent: size, components, and the texts in the batch.
            open[0].Trace = data => Console.WriteLine($"   [batch] {data.Length} bytes, {RenderBatchStats.UpdatedComponents(data)} components: " +
                new string(System.Text.Encoding.UTF8.GetString(data).Where(ch => !char.IsControl(ch)).Take(300).ToArray()));
        }

        await gauge.QuietAsync(TimeSpan.FromSeconds(30));
        var idle = await gauge.IdlePerSecondAsync(TimeSpan.FromSeconds(3));
        var before = Sum(open);
        var cpuBefore = gauge.CpuMilliseconds();
        var moving = Stopwatch.StartNew();
        var latencies = new List<double>();
        var own = new List<double>();
        var api = new List<double>();
        var missed = 0;
        var missing = new HashSet<int>();
        for (var i = 0; i < moves; i++)
        {
            var seen = open.Select(c => c.Arm(probe)).ToList();
            var ownSeen = ownBoard?.Arm(probe);
            var startedAt = Stopwatch.GetTimestamp();
            api.Add(await move());
            var all = Task.WhenAll(seen);
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)));
            for (var c = 0; c < seen.Count; c++)
            {
                if (seen[c].IsCompletedSuccessfully)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(startedAt, seen[c].Result).TotalMilliseconds);
                }
                else
                {
                    missed++;
                    missing.Add(c);
                }
            }

            if (ownSeen is not null && await Task.WhenAny(ownSeen, Task.Delay(TimeSpan.FromSeconds(10))) == ownSeen)
            {
                own.Add(Stopwatch.GetElapsedTime(startedAt, ownSeen.Result).TotalMilliseconds);
            }

            var rest = interval - Stopwatch.GetElapsedTime(startedAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }

        await Task.Delay(500); // trailing batches of the last move
        var cpu = Math.Max(0, gauge.CpuMilliseconds() - cpuBefore - idle * moving.Elapsed.TotalSeconds);
        var after = Sum(open);
        var errors = open.Sum(c => c.Errors.Count);
        if (missing.Count > 0)
        {
            var sample = open[missing.First()];
            Console.WriteLine($"   ! {missing.Count} circuit(s) missed moves; one of them: {sample.Received.Batches} batches, closed: {sample.Closed}, errors: {string.Join("; ", sample.Errors.Take(2))}");
        }

        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) => await c.DisposeAsync());
        await Task.Delay(TimeSpan.FromSeconds(3)); // circuits released before the next baseline

        var perObserverMove = Math.Max(1, open.Count) * (double)moves;
        var result = new StepResult(label, n, open.Count, failures + errors, missed, openedIn, openTimes.ToList(), latencies, own, api,
            cpu / moves, cpu / perObserverMove,
            (after.Batches - before.Batches) / perObserverMove, (after.Bytes - before.Bytes) / perObserverMove, (after.Components - before.Components) / perObserverMove,
            (heapAfter - heapBefore) / Math.Max(1, open.Count), (rssAfter - rssBefore) / Math.Max(1, open.Count));
        result.Print();
        return result;
    }

    private static (long Batches, long Bytes, long Components) Sum(IEnumerable<HeadlessCircuit> circuits) =>
        circuits.Select(c => c.Received).Aggregate((0L, 0L, 0L), (s, r) => (s.Item1 + r.Batches, s.Item2 + r.Bytes, s.Item3 + r.Components));

    private static void PrintTable(List<(StepResult Board, StepResult Trivial)> results)
    {
        Console.WriteLine("\n| open boards | move→visible p50 / p95 / p99 / max (ms) | trivial p95 | ratio p95 | CPU/observer/move | batches · KB · components /observer/move | heap/circuit | RSS/circuit | mover's own board p95 | opened in |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (b, t) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {b.Open} ({b.Failures} failed) | {b.P(50):0} / {b.P(95):0} / {b.P(99):0} / {b.Max:0} | {t.P(95):0} | {b.P(95) / t.P(95):0.0}× | " +
                $"{b.CpuPerObserverMove:0.00} ms ({b.CpuPerObserverMove / t.CpuPerObserverMove:0.0}×) | {b.Batches:0.0} · {b.Bytes / 1024:0.0} · {b.Components:0} (trivial {t.Batches:0.0} · {t.Bytes / 1024:0.0} · {t.Components:0}) | " +
                $"{b.HeapPerCircuitKb:0} KB ({b.HeapPerCircuitKb / t.HeapPerCircuitKb:0.0}×) | {b.RssPerCircuitKb:0} KB | {Stats.Percentile(b.Own, 95):0} ms | {b.OpenedIn.TotalSeconds:0} s |"));
        }
    }
}

internal sealed record StepResult(string Label, int Asked, int Open, int Failures, int Missed, TimeSpan OpenedIn, List<double> OpenTimes,
    List<double> Latencies, List<double> Own, List<double> Api, double CpuPerMove, double CpuPerObserverMove,
    double Batches, double Bytes, double Components, double HeapPerCircuitKb, double RssPerCircuitKb)
{
    public double P(double p) => Stats.Percentile(Latencies, p);

    public double Max => Latencies.DefaultIfEmpty(double.NaN).Max();

    public void Print()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {Label}, {Open}/{Asked} circuits open in {OpenedIn.TotalSeconds:0.0} s " +
            $"(one: p50 {Stats.Percentile(OpenTimes, 50):0} ms, p95 {Stats.Percentile(OpenTimes, 95):0} ms), {Failures} failures, {Missed} moves not seen"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   move→visible p50 {P(50):0.0} p95 {P(95):0.0} p99 {P(99):0.0} max {Max:0.0} ms (n={Latencies.Count}); " +
            $"move answered p50 {Stats.Percentile(Api, 50):0.0} ms; mover's own board p50 {Stats.Percentile(Own, 50):0.0} p95 {Stats.Percentile(Own, 95):0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   server CPU above idle {CpuPerMove:0} ms per move, {CpuPerObserverMove:0.000} ms per observer per move; " +
            $"per observer per move {Batches:0.00} batches, {Bytes:0} bytes, {Components:0.0} component renders; heap {HeapPerCircuitKb:0} KB and RSS {RssPerCircuitKb:0} KB per circuit"));
    }
}
