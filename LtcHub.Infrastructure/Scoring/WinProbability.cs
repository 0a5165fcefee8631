using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Scoring;

/// <summary>
/// The learned win probability (<see cref="WinModel"/>), trained on the company's closed deals: once when
/// first asked, again whenever a deal is won or lost (it listens to the bus), and nightly. It is shown
/// beside the stage's probability, never instead of it.
/// </summary>
public sealed class WinProbability : IDisposable
{
    private static readonly string[] Won = [StageKeys.Won, StageKeys.Handoff, StageKeys.Delivery, StageKeys.Invoiced, StageKeys.Paid];

    private readonly IDbContextFactory<LtcHubDbContext> _contexts;
    private readonly ILogger<WinProbability> _logger;
    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly IDisposable _subscription;
    private WinModel? _model;

    public WinProbability(IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, ILogger<WinProbability> logger)
    {
        _contexts = contexts;
        _logger = logger;
        _subscription = events.Subscribe(e => e is DealMoved { Card.StageKey: StageKeys.Won or StageKeys.Lost } ? RetrainAsync() : Task.CompletedTask);
    }

    /// <summary>When the model was last trained, and on how many deals.</summary>
    public (int Won, int Lost) TrainedOn => _model is { } m ? (m.Won, m.Lost) : (0, 0);

    public async Task<WinEstimate> EstimateAsync(int dealId)
    {
        var model = _model ?? await RetrainAsync();
        await using var db = await _contexts.CreateDbContextAsync();
        var facts = await Traits(db, q => q.Where(d => d.Id == dealId)).SingleOrDefaultAsync();
        return facts is null ? new WinEstimate(false, 0, [], [], model.Won, model.Lost) : model.Estimate(facts.Traits);
    }

    /// <summary>Learns again from every closed deal (won = reached Won or beyond; lost = in Lost).</summary>
    public async Task<WinModel> RetrainAsync(CancellationToken cancellationToken = default)
    {
        await _training.WaitAsync(cancellationToken);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var closed = await Traits(db, q => q.Where(d => d.Stage.Key == StageKeys.Lost || Won.Contains(d.Stage.Key))).ToListAsync(cancellationToken);
            _model = WinModel.Train(closed.Select(c => (c.Traits, c.Stage != StageKeys.Lost)));
            _logger.LogInformation("Win model trained on {Won} won and {Lost} lost deals", _model.Won, _model.Lost);
            return _model;
        }
        finally
        {
            _training.Release();
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _training.Dispose();
    }

    private static IQueryable<DealTraitFacts> Traits(LtcHubDbContext db, Func<IQueryable<Deal>, IQueryable<Deal>> which) =>
        from d in which(db.Deals.AsNoTracking())
        join a in db.Accounts on d.AccountId equals a.Id
        join t in db.Teams on d.TeamId equals t.Id into ts
        from t in ts.DefaultIfEmpty()
        select new DealTraitFacts(d.Id, d.Stage.Key, a.Source, a.Industry, a.City, a.Size, d.Amount, t == null ? null : t.Name);

    /// <summary>What the query reads; the traits are made from it in memory (bands and labels are C#).</summary>
    private sealed record DealTraitFacts(
        int Id, string Stage, Domain.Accounts.LeadSource? Source, string? Industry, string? City, Domain.Accounts.SizeBand Size, decimal? Amount,
        string? Team)
    {
        public DealTraits Traits => new(Source?.ToString() ?? "-", Industry ?? "-", City ?? "-", Size.ToString(), DealTraits.BandOf(Amount), Team ?? "-");
    }
}
