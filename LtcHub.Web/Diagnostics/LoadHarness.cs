using System.Runtime;

namespace LtcHub.Web.Diagnostics;

/// <summary>
/// What the circuit load harness (<c>LtcHub.Benchmarks -- circuits</c>) needs from the app it measures, and nothing a
/// person uses: the trivial board it compares LtcHub's board against (<c>/diagnostics/trivial-board</c>, a move by
/// <c>POST /diagnostics/trivial-board/move</c>) and the managed heap after a full collection
/// (<c>GET /diagnostics/heap</c>). Only in Development, and only when <c>Diagnostics:LoadHarness</c> is true.
/// </summary>
public static class LoadHarness
{
    public const string Setting = "Diagnostics:LoadHarness";
    public const string BoardPath = "/diagnostics/trivial-board";

    public static bool Enabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && configuration.GetValue<bool>(Setting);

    public static IServiceCollection AddLoadHarness(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (Enabled(configuration, environment))
        {
            services.AddSingleton<TrivialBoardState>();
        }

        return services;
    }

    public static WebApplication MapLoadHarness(this WebApplication app)
    {
        if (!Enabled(app.Configuration, app.Environment))
        {
            return app;
        }

        app.MapPost(BoardPath + "/move", (TrivialBoardState board) => Results.Ok(new { column = board.MoveProbe() })).AllowAnonymous();
        app.MapGet("/diagnostics/heap", () =>
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return Results.Ok(new { heapBytes = info.HeapSizeBytes - info.FragmentedBytes, workingSetBytes = Environment.WorkingSet });
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>
/// The trivial board: 200 cards in five columns held once for every circuit, one event per move. One card, the probe,
/// moves between the first and the fourth column.
/// </summary>
public sealed class TrivialBoardState
{
    public const string ProbeName = "Trivial probe card";
    public static readonly string[] Columns = ["Lead", "Qualified", "Proposal", "Negotiation", "Won"];

    private readonly Lock _gate = new();
    private IReadOnlyList<TrivialCard> _cards = Enumerable.Range(1, 199)
        .Select(i => new TrivialCard(i, $"Card {i:000}", i % Columns.Length))
        .Prepend(new TrivialCard(0, ProbeName, 0))
        .ToList();

    public event Action? Changed;

    public IReadOnlyList<TrivialCard> Cards => _cards;

    /// <summary>Moves the probe to the other column; returns the column it is in now.</summary>
    public int MoveProbe()
    {
        int column;
        lock (_gate)
        {
            var probe = _cards[0];
            column = probe.Column == 0 ? 3 : 0;
            _cards = [probe with { Column = column }, .. _cards.Skip(1)];
        }

        Changed?.Invoke();
        return column;
    }
}

public sealed record TrivialCard(int Id, string Name, int Column);
