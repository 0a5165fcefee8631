using System.Diagnostics;
using System.Globalization;
using LtcHub.Benchmarks;
using Microsoft.Playwright;

// LtcHub board benchmark: prints figures, asserts nothing. See README "Performance".
//   dotnet run -c Release --project LtcHub.Benchmarks -- [latency|render|dunning|import|all] [--moves N] [--observers 1,10,20] [--invoices N] [--rows N]
//   dotnet run -c Release --project LtcHub.Benchmarks -- circuits [--steps 100,200,500,1000] [--deals 200] [--moves 20] [--interval 1000]
//   dotnet run -c Release --project LtcHub.Benchmarks -- reports [--deals 100000] [--audit 1000000] [--invoices 200000] [--keep file.db] [--only funnel] [--sql]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var moves = int.Parse(Option("--moves") ?? "30", CultureInfo.InvariantCulture);
var observerCounts = Ints(Option("--observers") ?? "1,10,20");
var dealCounts = Ints(Option("--deals") ?? "100,1000");

Console.WriteLine($"LtcHub board benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
if (mode is "circuits")
{
    // Browser-free: real circuits held by a SignalR client.
    await LtcHub.Benchmarks.Circuits.CircuitBenchmark.RunAsync(Ints(Option("--steps") ?? "100,200,500,1000"), int.Parse(Option("--deals") ?? "200", CultureInfo.InvariantCulture),
        int.Parse(Option("--moves") ?? "20", CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(int.Parse(Option("--interval") ?? "1000", CultureInfo.InvariantCulture)));
    return;
}

if (mode is "reports")
{
    // Server-side only: no browser.
    await ReportBenchmark.RunAsync(int.Parse(Option("--deals") ?? "100000", CultureInfo.InvariantCulture),
        int.Parse(Option("--audit") ?? "1000000", CultureInfo.InvariantCulture), int.Parse(Option("--invoices") ?? "200000", CultureInfo.InvariantCulture),
        Option("--keep"), Option("--only"), args.Contains("--sql"));
    return;
}

await using var browser = await Browser.LaunchAsync();

if (mode is "latency" or "all")
{
    await LatencyAsync();
}

if (mode is "render" or "all")
{
    foreach (var count in dealCounts)
    {
        await RenderAsync(count);
    }
}

if (mode is "import" or "all")
{
    await ImportBenchmark.RunAsync(int.Parse(Option("--rows") ?? "50000", CultureInfo.InvariantCulture));
}

if (mode is "dunning" or "all")
{
    await DunningBenchmark.RunAsync(int.Parse(Option("--invoices") ?? "100000", CultureInfo.InvariantCulture), 0.10);
}

return;

// Move→visible: one person moves a card from the board's menu; N other windows wait for it.
async Task LatencyAsync()
{
    await using var app = await AppProcess.StartAsync(200);
    Console.WriteLine($"\n== Move → visible on other boards (200 deals, {moves} moves per row; time from the mover's click to the card in the other window's DOM)");
    var mover = await browser.OpenBoardAsync(app.BaseUri, await browser.SignInAsync(app.BaseUri, "admin@ltchub.local"));
    var viewer = await browser.SignInAsync(app.BaseUri, "salesmgr1@ltchub.local");
    var dealId = await BoardProbe.FirstDealInAsync(mover, "lead") ?? throw new InvalidOperationException("No lead card");
    var observers = new List<IPage>();
    var (from, to) = ("lead", "negotiation");
    foreach (var n in observerCounts)
    {
        while (observers.Count < n)
        {
            observers.Add(await browser.OpenBoardAsync(app.BaseUri, viewer));
        }

        var samples = new List<double>();
        for (var i = 0; i < moves; i++)
        {
            await Task.WhenAll(observers.Select(o => BoardProbe.ArmAsync(o, to, dealId)));
            var clickedAt = await BoardProbe.MoveAsync(mover, dealId, to);
            var seenAt = await Task.WhenAll(observers.Select(BoardProbe.SeenAtAsync));
            samples.AddRange(seenAt.Where(double.IsFinite).Select(t => t - clickedAt));
            if (seenAt.Any(t => !double.IsFinite(t)))
            {
                Console.WriteLine($"   ! {seenAt.Count(t => !double.IsFinite(t))} window(s) did not see move {i} within 15 s");
            }

            await mover.WaitForSelectorAsync($"[data-stage={to}] [data-deal-id='{dealId}']");
            (from, to) = (to, from);
            await Task.Delay(150);
        }

        Console.WriteLine(Stats.Line($"{n} observer window(s)", samples) + $"  · app working set {app.WorkingSetMegabytes:0} MB");
    }

    foreach (var page in observers.Append(mover))
    {
        await page.Context.CloseAsync();
    }
}

// Server render of the board (prerender: query + all columns), and the board in Chromium, at a given size.
async Task RenderAsync(int dealCount)
{
    var started = Stopwatch.StartNew();
    await using var app = await AppProcess.StartAsync(dealCount);
    Console.WriteLine($"\n== Board with {dealCount} deals (app seeded and ready in {started.Elapsed.TotalSeconds:0.0} s)");
    var signedIn = await browser.SignInAsync(app.BaseUri, "salesmgr1@ltchub.local");
    await using var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseUri.ToString(), StorageState = signedIn });

    var server = new List<double>();
    for (var i = 0; i < 35; i++)
    {
        var watch = Stopwatch.StartNew();
        var response = await context.APIRequest.GetAsync("/pipeline");
        await response.BodyAsync();
        if (i >= 5)
        {
            server.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    Console.WriteLine(Stats.Line("GET /pipeline (server render, 30 after 5 warm-ups)", server));

    var interactive = new List<double>();
    IPage? board = null;
    for (var i = 0; i < 8; i++)
    {
        if (board is not null)
        {
            await board.Context.CloseAsync();
        }

        var watch = Stopwatch.StartNew();
        board = await browser.OpenBoardAsync(app.BaseUri, signedIn);
        if (i >= 2)
        {
            interactive.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    Console.WriteLine(Stats.Line("Chromium: open → live board (6 after 2 warm-ups)", interactive));
    await board!.Context.CloseAsync();
    board = await browser.OpenBoardAsync(app.BaseUri, signedIn, trace: line => Console.WriteLine($"   {line}"));
    var cards = await board!.Locator("[data-deal-id]").CountAsync();
    Console.WriteLine($"{"cards in the DOM (50 per column, then 'show more')",-52} {cards}");

    var own = new List<double>();
    var dealId = await BoardProbe.FirstDealInAsync(board, "lead") ?? throw new InvalidOperationException("No lead card");
    var mover = await browser.OpenBoardAsync(app.BaseUri, await browser.SignInAsync(app.BaseUri, "admin@ltchub.local"));
    var (from, to) = ("lead", "negotiation");
    for (var i = 0; i < 20; i++)
    {
        await BoardProbe.ArmAsync(mover, to, dealId);
        var clickedAt = await BoardProbe.MoveAsync(mover, dealId, to);
        own.Add(await BoardProbe.SeenAtAsync(mover) - clickedAt);
        await Task.Delay(150);
        (from, to) = (to, from);
    }

    Console.WriteLine(Stats.Line("move shown on the mover's own board", own));
    Console.WriteLine($"{"app working set",-52} {app.WorkingSetMegabytes:0} MB");
    await board.Context.CloseAsync();
    await mover.Context.CloseAsync();
}

static int[] Ints(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
