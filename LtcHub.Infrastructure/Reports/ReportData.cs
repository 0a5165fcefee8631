using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Quotes;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Reports;

/// <summary>A stage as reports need it: its place, names, probability and limit.</summary>
public sealed record ReportStage(string Key, string NameZh, string NameEn, int Order, TeamKind Team, int Probability, int? DaysLimit, int? WipLimit)
{
    public ReportText Name => ReportText.Both(NameZh, NameEn);

    public bool IsLost => Key == StageKeys.Lost;
}

/// <summary>One line of a deal's stage history: when it left <see cref="From"/> (entered at <see cref="EnteredAtUtc"/>) for <see cref="To"/>.</summary>
public sealed record StageLine(int DealId, DateTime AtUtc, string? From, string? To, DateTime? EnteredAtUtc = null);

/// <summary>
/// What every report reads, with the filter and the reader's visibility applied once: a report shows the deals whose
/// money the person may read (<see cref="Domain.Quotes.DocumentPolicy.CanRead"/> as a query), in the company's time zone.
/// </summary>
public sealed class ReportData
{
    private ReportData(LtcHubDbContext db, Actor actor, ReportFilter filter, DateTime nowUtc)
    {
        Db = db;
        Actor = actor;
        Filter = filter;
        NowUtc = nowUtc;
        Today = CompanyTime.Today(nowUtc);
    }

    private Dictionary<string, int> _orders = [];
    private Func<CancellationToken, Task<LtcHubDbContext>>? _open;
    private Dictionary<string, ReportStage> _byKey = [];

    public LtcHubDbContext Db { get; }

    public Actor Actor { get; }

    public ReportFilter Filter { get; }

    public DateTime NowUtc { get; }

    public DateOnly Today { get; }

    /// <summary>The pipeline's stages in board order, Lost last.</summary>
    public IReadOnlyList<ReportStage> Stages { get; private set; } = [];

    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<int, string> TeamNames { get; private set; } = new Dictionary<int, string>();

    /// <param name="open">Opens another context, for <see cref="BothAsync"/> to read on two connections at once (null: one after the other).</param>
    public static async Task<ReportData> OpenAsync(LtcHubDbContext db, Actor actor, ReportFilter filter, DateTime nowUtc, CancellationToken cancellationToken,
        Func<CancellationToken, Task<LtcHubDbContext>>? open = null)
    {
        var data = new ReportData(db, actor, filter, nowUtc) { _open = open };
        data.Stages = (await db.Stages.AsNoTracking().OrderBy(s => s.Order).ThenBy(s => s.Id)
                .Select(s => new ReportStage(s.Key, s.NameZh, s.NameEn, s.Order, s.OwningTeam, s.Probability, s.DaysUntilStale, s.WipLimit))
                .ToListAsync(cancellationToken))
            .OrderBy(s => s.IsLost).ToList();
        data._orders = data.Stages.ToDictionary(s => s.Key, s => s.Order);
        data._byKey = data.Stages.ToDictionary(s => s.Key);
        data.UserNames = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        data.TeamNames = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return data;
    }

    /// <summary>
    /// Two independent reads at once, the second on a connection of its own (SQLite's readers do not wait for each other, and
    /// a report's big reads are the database's work, not .NET's); one after the other when no second context can be opened.
    /// </summary>
    public async Task<(T1, T2)> BothAsync<T1, T2>(Func<ReportData, Task<T1>> first, Func<ReportData, Task<T2>> second, CancellationToken cancellationToken)
    {
        if (_open is null)
        {
            return (await first(this), await second(this));
        }

        await using var db = await _open(cancellationToken);
        var sibling = new ReportData(db, Actor, Filter, NowUtc) { Stages = Stages, UserNames = UserNames, TeamNames = TeamNames, _orders = _orders, _byKey = _byKey };
        var other = Task.Run(() => second(sibling), cancellationToken);
        var mine = await first(this);
        return (mine, await other);
    }

    /// <summary>The open stages in order (Lost left out).</summary>
    public IEnumerable<ReportStage> FlowStages => Stages.Where(s => !s.IsLost);

    public ReportStage? Stage(string? key) => key is not null && _byKey.TryGetValue(key, out var stage) ? stage : null;

    public int OrderOf(string? key) => key is not null && _orders.TryGetValue(key, out var order) ? order : int.MinValue;

    /// <summary>Every deal counts (a reader who reads all money, no filter): the queries below need no list of deals.</summary>
    public bool AllDeals => Domain.Accounts.AccountPolicy.SeesAll(Actor)
        && Filter is { TeamId: null, OwnerId: null, Source: null, CampaignId: null, Segment: null };

    /// <summary>The invoices of the deals the report counts.</summary>
    public IQueryable<Domain.Billing.Invoice> Invoices()
    {
        var invoices = Db.Invoices.AsNoTracking();
        if (AllDeals)
        {
            return invoices;
        }

        var ids = Deals().Select(d => d.Id);
        return invoices.Where(i => ids.Contains(i.DealId));
    }

    /// <summary>The contracts of the deals the report counts.</summary>
    public IQueryable<Domain.Contracts.Contract> Contracts()
    {
        var contracts = Db.Contracts.AsNoTracking();
        if (AllDeals)
        {
            return contracts;
        }

        var ids = Deals().Select(d => d.Id);
        return contracts.Where(c => ids.Contains(c.DealId));
    }

    /// <summary>The deals the reader may read, narrowed by team, owner, source, campaign and segment.</summary>
    public IQueryable<Deal> Deals()
    {
        var query = Db.Deals.AsNoTracking().Where(DocumentAccess.Readable(Actor));
        var f = Filter;
        if (f.TeamId is { } team)
        {
            query = query.Where(d => d.TeamId == team);
        }

        if (f.OwnerId is { } owner)
        {
            query = query.Where(d => d.OwnerId == owner);
        }

        if (f.Source is { } source)
        {
            query = query.Where(d => Db.Accounts.Any(a => a.Id == d.AccountId && a.Source == source));
        }

        if (f.CampaignId is { } campaign)
        {
            query = query.Where(d => Db.Accounts.Any(a => a.Id == d.AccountId && a.CampaignId == campaign));
        }

        if (f.Segment is { } segment)
        {
            query = query.Where(d => Db.Accounts.Any(a => a.Id == d.AccountId && a.Level == segment));
        }

        return query;
    }

    /// <summary>The stage moves (<see cref="StageMove"/>, the audit log's stage lines by deal number) of the readable, filtered deals.</summary>
    public IQueryable<StageMove> StageLines(IQueryable<Deal>? deals = null)
    {
        if (deals is null && AllDeals)
        {
            return Db.StageMoves.AsNoTracking();
        }

        var ids = (deals ?? Deals()).Select(d => d.Id);
        return Db.StageMoves.AsNoTracking().Where(m => ids.Contains(m.DealId));
    }

    public static async Task<List<StageLine>> ReadLinesAsync(IQueryable<StageMove> lines, CancellationToken cancellationToken) =>
        await lines.Select(m => new StageLine(m.DealId, m.AtUtc, m.From, m.To, m.EnteredAtUtc)).ToListAsync(cancellationToken);

    /// <summary>
    /// The furthest open stage (its order) each deal of a cohort has reached: its current stage unless Lost, and every stage its
    /// history passed through — so a deal that skipped a stage, or was lost later, still counts where it got to.
    /// </summary>
    public async Task<Dictionary<int, int>> FurthestAsync(IQueryable<Deal> cohort, IEnumerable<(int Id, string Key)> current, CancellationToken cancellationToken)
    {
        var furthest = current.ToDictionary(d => d.Id, d => Stage(d.Key) is { IsLost: false } s ? s.Order : int.MinValue);

        // One row per deal, from the database: the highest stage its moves came from or went to (Lost left out).
        var reached = await (from m in StageLines(cohort)
                             from s in Db.Stages
                             where (s.Key == m.From || s.Key == m.To) && s.Key != StageKeys.Lost
                             group s.Order by m.DealId into g
                             select new { DealId = g.Key, Order = g.Max() })
            .ToListAsync(cancellationToken);
        foreach (var deal in reached)
        {
            if (furthest.TryGetValue(deal.DealId, out var order) && deal.Order > order)
            {
                furthest[deal.DealId] = deal.Order;
            }
        }

        return furthest;
    }

    public ReportText OwnerName(string? ownerId) =>
        ownerId is not null && UserNames.TryGetValue(ownerId, out var name) ? ReportText.Raw(name) : ReportText.Of("Report.Nobody");

    public ReportText TeamName(int? teamId) =>
        teamId is { } id && TeamNames.TryGetValue(id, out var name) ? ReportText.Raw(name) : ReportText.Of("Report.NoTeam");

    public DateOnly Day(DateTime utc) => CompanyTime.Today(utc);

    public static decimal? Ratio(decimal part, decimal whole) => whole == 0 ? null : Math.Round(part / whole, 4);

    /// <summary>The value below which <paramref name="share"/> of the sorted values lie (nearest-rank: the ⌈share·n⌉-th value; the median of an even count is the mean of the middle two).</summary>
    public static decimal? Percentile(IReadOnlyList<decimal> sorted, double share)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        if (share == 0.5)
        {
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        var rank = (int)Math.Ceiling(share * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static decimal DaysBetween(DateTime fromUtc, DateTime toUtc) => Math.Round((decimal)(toUtc - fromUtc).TotalDays, 2);

    public static IReadOnlyList<int> Ids(IEnumerable<int> ids) => ids.Distinct().Order().ToArray();

    public static string CurrencyOf(string? currency) => currency is { Length: > 0 } c ? c.Trim() : Money.DefaultCurrency;
}
