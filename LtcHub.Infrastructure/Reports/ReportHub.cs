using System.Collections.Concurrent;
using System.Diagnostics;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Reports;

public sealed record ReportOption<T>(T Id, string Name, TeamKind Kind);

public sealed record ReportOptions(IReadOnlyList<ReportOption<int>> Teams, IReadOnlyList<ReportOption<string>> Owners, IReadOnlyList<ReportOption<int>> Campaigns);

/// <summary>
/// One computation per report, filter and visibility, shared by everyone viewing it: the first viewer's request computes
/// it, everyone else reads the same result. When the data under the reports changes (a deal moved, created or edited,
/// an invoice or payment, a contract, targets, an import), every result is marked stale; after a quiet
/// <see cref="Debounce"/> the watched ones are computed again — once each — and handed to their viewers. A result no one
/// watches is dropped and computed on its next request.
/// </summary>
public sealed class ReportHub : IDisposable
{
    private readonly IDbContextFactory<LtcHubDbContext> _contexts;
    private readonly IReadOnlyDictionary<string, IReport> _reports;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportHub> _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly IDisposable _subscription;
    private readonly object _debounceLock = new();
    private CancellationTokenSource? _pending;
    private long _computations;

    public ReportHub(IDbContextFactory<LtcHubDbContext> contexts, IEnumerable<IReport> reports, IBoardEvents events, TimeProvider time,
        IConfiguration configuration, ILogger<ReportHub> logger)
    {
        _contexts = contexts;
        _reports = reports.ToDictionary(r => r.Name);
        _time = time;
        _logger = logger;
        Debounce = TimeSpan.FromMilliseconds(configuration.GetValue("Reports:DebounceMilliseconds", 1500));
        _subscription = events.Subscribe(OnEventAsync);
    }

    public TimeSpan Debounce { get; }

    /// <summary>How many times a report was computed (tests check that viewers share one).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    public bool Exists(string name) => _reports.ContainsKey(name);

    /// <summary>Who sees the same figures: everyone who reads every deal's money, else one person's own view.</summary>
    public static string ScopeOf(Actor actor) =>
        AccountPolicy.SeesAll(actor) ? "all" : $"u:{actor.UserId}|t:{actor.TeamId}|m:{string.Join(',', actor.ManagedTeamIds.Order())}";

    /// <summary>The report as it is now for this person and filter (computed once and shared; recomputed if stale).</summary>
    public Task<ReportResult> GetAsync(Actor actor, string name, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var entry = EntryFor(actor, name, filter);
        return entry.CurrentAsync(this, cancellationToken);
    }

    /// <summary>Follows a report: <paramref name="changed"/> gets each new result after the data under it changed. Dispose to stop.</summary>
    public IDisposable Watch(Actor actor, string name, ReportFilter filter, Func<ReportResult, Task> changed)
    {
        var entry = EntryFor(actor, name, filter);
        return entry.Watchers.Add(changed);
    }

    /// <summary>Computes a report for a person without sharing (the CSV export and the meeting's snapshot read through <see cref="GetAsync"/> instead).</summary>
    public async Task<ReportResult> ComputeAsync(Actor actor, string name, ReportFilter filter, CancellationToken cancellationToken = default)
    {
        if (!_reports.TryGetValue(name, out var report))
        {
            throw new Domain.Common.NotFoundException();
        }

        Interlocked.Increment(ref _computations);
        var started = Stopwatch.GetTimestamp();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var data = await ReportData.OpenAsync(db, actor, filter, now, cancellationToken, c => _contexts.CreateDbContextAsync(c));
        var sections = await report.ComputeAsync(data, cancellationToken);
        var took = Stopwatch.GetElapsedTime(started);
        _logger.LogDebug("Report {Report} ({Filter}) computed in {Ms} ms", name, filter.ToQuery(), took.TotalMilliseconds);
        return new ReportResult(name, filter, now, sections, took);
    }

    /// <summary>The deals behind a figure, as cards — only those the person may read (the ids came from their own view, but are checked again).</summary>
    public async Task<IReadOnlyList<Pipeline.DealCard>> DealsAsync(Actor actor, IReadOnlyList<int> ids, int max = 500)
    {
        var wanted = ids.Take(max).ToList();
        await using var db = await _contexts.CreateDbContextAsync();
        var cards = await Pipeline.BoardReader.Cards(db, q => q.Where(Quotes.DocumentAccess.Readable(actor)).Where(d => EF.Parameter(wanted).Contains(d.Id))).ToListAsync();
        return cards.OrderByDescending(c => c.Amount).ThenBy(c => c.Id).ToList();
    }

    /// <summary>What the filters offer: teams, the people who own deals, campaigns.</summary>
    public async Task<ReportOptions> OptionsAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Name).Select(t => new ReportOption<int>(t.Id, t.Name, t.Kind)).ToListAsync();
        var owners = await db.Users.AsNoTracking().Where(u => db.Deals.Any(d => d.OwnerId == u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new ReportOption<string>(u.Id, u.DisplayName, TeamKind.Sales)).ToListAsync();
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartDate).Select(c => new ReportOption<int>(c.Id, c.Name, TeamKind.None)).ToListAsync();
        return new ReportOptions(teams, owners, campaigns);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _pending?.Cancel();
    }

    private Entry EntryFor(Actor actor, string name, ReportFilter filter)
    {
        if (!_reports.ContainsKey(name))
        {
            throw new Domain.Common.NotFoundException();
        }

        var key = $"{name}?{filter.ToQuery()}#{ScopeOf(actor)}";
        return _entries.GetOrAdd(key, _ => new Entry(actor, name, filter, _logger));
    }

    private static bool Matters(BoardEvent e) =>
        e is DealMoved or DealCreated or DealEdited or CardRefreshed or StagesChanged or InvoiceChanged or ContractChanged or DealsImported
            or AccountChanged or TargetsChanged;

    private Task OnEventAsync(BoardEvent boardEvent)
    {
        if (!Matters(boardEvent))
        {
            return Task.CompletedTask;
        }

        foreach (var (key, entry) in _entries)
        {
            entry.MarkStale();
            if (entry.Watchers.Count == 0)
            {
                _entries.TryRemove(key, out _);
            }
        }

        CancellationTokenSource next;
        lock (_debounceLock)
        {
            _pending?.Cancel();
            _pending = next = new CancellationTokenSource();
        }

        _ = RecomputeAfterQuietAsync(next.Token);
        return Task.CompletedTask;
    }

    private async Task RecomputeAfterQuietAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Debounce, cancellationToken);
            foreach (var entry in _entries.Values.Where(e => e.Watchers.Count > 0 && e.IsStale))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await entry.CurrentAsync(this, CancellationToken.None);
                entry.Watchers.Publish(result);
            }
        }
        catch (OperationCanceledException)
        {
            // A newer change restarted the wait; that run recomputes.
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Recomputing the watched reports failed");
        }
    }

    private sealed class Entry(Actor actor, string name, ReportFilter filter, ILogger logger)
    {
        private readonly object _lock = new();
        private Task<ReportResult>? _current;
        private bool _stale = true;

        public Subscribers<ReportResult> Watchers { get; } = new(logger);

        public bool IsStale => Volatile.Read(ref _stale);

        public void MarkStale() => Volatile.Write(ref _stale, true);

        public Task<ReportResult> CurrentAsync(ReportHub hub, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (_current is null || (_stale && _current.IsCompleted) || _current.IsFaulted || _current.IsCanceled)
                {
                    _stale = false;
                    _current = hub.ComputeAsync(actor, name, filter, CancellationToken.None);
                }

                return _current.WaitAsync(cancellationToken);
            }
        }
    }
}
