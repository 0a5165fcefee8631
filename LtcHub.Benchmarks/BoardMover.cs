using System.Diagnostics;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Benchmarks;

/// <summary>Moves one deal back and forth through the real <see cref="PipelineService"/>, timing each move (what a person on the board would wait).</summary>
internal sealed class BoardMover(PipelineService pipeline, IDbContextFactory<LtcHubDbContext> contexts, int dealId)
{
    private static readonly Actor Admin = new("bench", "Benchmark", new HashSet<string> { Roles.Admin }, null, new HashSet<int>());

    public async Task<List<double>> MoveForAsync(TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        return await MoveUntilAsync(stop.Token);
    }

    public async Task<List<double>> MoveUntilAsync(CancellationToken stop)
    {
        var samples = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            long version;
            string stage;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var deal = await db.Deals.Where(d => d.Id == dealId).Select(d => new { d.Version, d.Stage.Key }).SingleAsync();
                (version, stage) = (deal.Version, deal.Key);
            }

            var target = stage == StageKeys.Lead ? StageKeys.Negotiation : StageKeys.Lead;
            var watch = Stopwatch.StartNew();
            var outcome = await pipeline.MoveAsync(Admin, dealId, version, target, StageEntryInput.Empty);
            samples.Add(watch.Elapsed.TotalMilliseconds);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Move failed: {outcome.Status}");
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return samples;
    }
}
