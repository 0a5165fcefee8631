using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Common;
using LtcHub.Domain.Contracts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Targets;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Reports;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LtcHub.Tests.Infrastructure.Reports;

/// <summary>
/// A small company whose every report figure is worked out by hand (in <see cref="ReportFigureTests"/>). "Today" is
/// 2026-11-05 in Shanghai; the period asked about is October 2026. All moves at 12:00 Shanghai time (04:00 UTC).
///
/// Teams: East (sales, id E), South (sales, S), Ops (O). Reps A and B in East, C in South.
/// Accounts: acc1 Web via campaign K1 (cost 10,000 CNY), level A; acc2 Referral, level B; acc3 Web, no campaign, level C.
///
///  deal owner acct amount  created  stage history (day of 2026)                                      now
///  D1   A     acc1 100,000 Oct 2    lead→qual Oct4→prop Oct8→neg Oct10→won Oct12→handoff Oct14        paid
///                                   →delivery Oct15→invoiced Oct25→paid Oct28
///  D2   A     acc2  50,000 Oct 3    lead→qual Oct5→lost Oct9                                         lost
///  D3   B     acc1 200,000 Oct 5    lead→qual Oct6→prop Oct11→neg Oct20; close 10-15 pushed to 10-30    negotiation (commit, 60%)
///  D4   B     acc3  80,000 Oct 6    lead→prop Oct7 (skips qualified)→lost Oct13                     lost
///  D5   C     acc2 300,000 Sep 10   lead→qual Sep12→prop Sep20→neg Oct3→won Oct16                   won
///  D6   A     acc3  40,000 Oct 20   —; close 10-31                                                  lead (pipeline, 10%)
///  D7   C     acc2  60,000 Jun 1    —                                                               invoiced
///
/// Contracts: D1 signed Oct 12 (100,000), D5 signed Oct 16 (300,000; one plan line due Nov 20, not invoiced).
/// Invoices: I1 D1 100,000 issued Oct 25 (30 days), paid in full Oct 28; I2 D7 60,000 issued Aug 1, due Aug 31,
/// 20,000 paid Sep 10; I3 D7 10,000 issued Oct 20, due Nov 19.
/// Targets for October: A signed 100,000/150,000/200,000 and collected 50,000; East signed 500,000; South signed 400,000;
/// East KPIs: qualified leads 2, conversion 25%, cycle 30 days, DSO 45 days; Ops: hand-off 3 days, delivery on time 90%.
/// </summary>
public sealed class ReportDataset : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 5, 4, 0, 0, TimeSpan.Zero);

    public static readonly ReportFilter October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));

    private readonly TempDatabase _database = new();
    private ServiceProvider _services = null!;

    public FakeTimeProvider Clock { get; } = new(Now);

    public IServiceProvider Services => _services;

    public int East { get; private set; }

    public int South { get; private set; }

    public int Ops { get; private set; }

    public Dictionary<string, int> Deals { get; } = [];

    public Actor Admin { get; } = new("admin", "Admin", new HashSet<string> { Roles.Admin }, null, new HashSet<int>());

    public Actor RepA => new("a", "Rep A", new HashSet<string> { Roles.Sales }, East, new HashSet<int>());

    public Actor ManagerEast => new("mgr", "Manager East", new HashSet<string> { Roles.Sales }, East, new HashSet<int> { East });

    public ReportHub Hub => _services.GetRequiredService<ReportHub>();

    public Task<ReportResult> ComputeAsync(string report, ReportFilter? filter = null, Actor? actor = null) =>
        Hub.ComputeAsync(actor ?? Admin, report, filter ?? October);

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:LtcHub"] = _database.ConnectionString,
                ["Reports:DebounceMilliseconds"] = "50",
            })
            .Build();
        _services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock).AddSingleton<IConfiguration>(configuration)
            .AddInfrastructure(configuration, _database.Folder).BuildServiceProvider();
        var contexts = _services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var stages = DefaultPipeline.Create();
        db.Stages.AddRange(stages);
        var east = new Team("East", TeamKind.Sales);
        var south = new Team("South", TeamKind.Sales);
        var ops = new Team("Ops", TeamKind.Ops);
        db.Teams.AddRange(east, south, ops);
        await db.SaveChangesAsync();
        (East, South, Ops) = (east.Id, south.Id, ops.Id);
        foreach (var (id, name, team) in new[] { ("a", "Rep A", East), ("b", "Rep B", East), ("c", "Rep C", South), ("admin", "Admin", 0), ("mgr", "Manager East", East) })
        {
            db.Users.Add(new ApplicationUser { Id = id, UserName = id + "@test", Email = id + "@test", DisplayName = name, TeamId = team == 0 ? null : team });
        }

        var k1 = new Campaign("K1", LeadSource.Web, 10_000m, "CNY", new DateOnly(2026, 9, 15), new DateOnly(2026, 10, 15));
        db.Campaigns.Add(k1);
        await db.SaveChangesAsync();
        var acc1 = Account("acc1", LeadSource.Web, k1.Id, CustomerLevel.A);
        var acc2 = Account("acc2", LeadSource.Referral, null, CustomerLevel.B);
        var acc3 = Account("acc3", LeadSource.Web, null, CustomerLevel.C);
        db.Accounts.AddRange(acc1, acc2, acc3);
        await db.SaveChangesAsync();

        Stage StageOf(string key) => stages.Single(s => s.Key == key);
        void Add(string name, string owner, int team, Account account, decimal amount, DateTime created, string stage, DateOnly? close,
            params (string From, string To, DateTime At)[] moves)
        {
            var deal = new Deal(name, account.Id, owner, team, StageOf(stage), amount, "CNY", close, created);
            db.Deals.Add(deal);
            db.SaveChanges();
            Deals[name] = deal.Id;
            foreach (var (from, to, at) in moves)
            {
                db.AuditEntries.Add(new AuditEntry(at, owner, owner, Deal.EntityType, deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    DealFields.Stage, from, to));
            }

            var entered = moves.Length == 0 ? created : moves[^1].At;
            db.SaveChanges();
            db.Database.ExecuteSqlInterpolated($"UPDATE Deals SET EnteredStageAtUtc = {entered} WHERE Id = {deal.Id}");
        }

        const string lead = StageKeys.Lead, qual = StageKeys.Qualified, prop = StageKeys.Proposal, neg = StageKeys.Negotiation, won = StageKeys.Won;
        Add("D1", "a", East, acc1, 100_000m, Day(10, 2), StageKeys.Paid, null,
            (lead, qual, Day(10, 4)), (qual, prop, Day(10, 8)), (prop, neg, Day(10, 10)), (neg, won, Day(10, 12)), (won, StageKeys.Handoff, Day(10, 14)),
            (StageKeys.Handoff, StageKeys.Delivery, Day(10, 15)), (StageKeys.Delivery, StageKeys.Invoiced, Day(10, 25)), (StageKeys.Invoiced, StageKeys.Paid, Day(10, 28)));
        Add("D2", "a", East, acc2, 50_000m, Day(10, 3), StageKeys.Lost, null, (lead, qual, Day(10, 5)), (qual, StageKeys.Lost, Day(10, 9)));
        Add("D3", "b", East, acc1, 200_000m, Day(10, 5), neg, new DateOnly(2026, 10, 30), (lead, qual, Day(10, 6)), (qual, prop, Day(10, 11)), (prop, neg, Day(10, 20)));
        Add("D4", "b", East, acc3, 80_000m, Day(10, 6), StageKeys.Lost, null, (lead, prop, Day(10, 7)), (prop, StageKeys.Lost, Day(10, 13)));
        Add("D5", "c", South, acc2, 300_000m, Day(9, 10), won, null, (lead, qual, Day(9, 12)), (qual, prop, Day(9, 20)), (prop, neg, Day(10, 3)), (neg, won, Day(10, 16)));
        Add("D6", "a", East, acc3, 40_000m, Day(10, 20), lead, new DateOnly(2026, 10, 31));
        Add("D7", "c", South, acc2, 60_000m, Day(6, 1), StageKeys.Invoiced, null);
        db.AuditEntries.Add(new AuditEntry(Day(10, 15), "b", "b", Deal.EntityType, Deals["D3"].ToString(System.Globalization.CultureInfo.InvariantCulture),
            DealFields.ExpectedCloseDate, "2026-10-15", "2026-10-30"));
        db.Database.ExecuteSqlInterpolated($"UPDATE Deals SET Forecast = 'Commit', ProbabilityOverride = 60 WHERE Id = {Deals["D3"]}");
        db.Database.ExecuteSqlInterpolated($"UPDATE Deals SET ProbabilityOverride = 10 WHERE Id = {Deals["D6"]}");

        var c1 = new Contract(Deals["D1"], "C-1", new DateOnly(2026, 10, 12), 100_000m, "CNY", new DateOnly(2026, 10, 12), null, null, "a", Day(10, 12));
        c1.SetPlan([new PlanLineInput(new DateOnly(2026, 11, 24), 100_000m, null)], new HashSet<int>());
        var c5 = new Contract(Deals["D5"], "C-5", new DateOnly(2026, 10, 16), 300_000m, "CNY", new DateOnly(2026, 10, 16), null, null, "c", Day(10, 16));
        c5.SetPlan([new PlanLineInput(new DateOnly(2026, 11, 20), 300_000m, null)], new HashSet<int>());
        db.Contracts.AddRange(c1, c5);
        await db.SaveChangesAsync();

        var i1 = new Invoice("I1", Deals["D1"], acc1.Id, null, 100_000m, "CNY", new DateOnly(2026, 10, 25), 30, Day(10, 25), c1.Plan[0].Id);
        i1.Pay(100_000m, new DateOnly(2026, 10, 28), "r1", "k1", "fin", Day(10, 28));
        var i2 = new Invoice("I2", Deals["D7"], acc2.Id, null, 60_000m, "CNY", new DateOnly(2026, 8, 1), 30, Day(8, 1));
        i2.Pay(20_000m, new DateOnly(2026, 9, 10), "r2", "k2", "fin", Day(9, 10));
        var i3 = new Invoice("I3", Deals["D7"], acc2.Id, null, 10_000m, "CNY", new DateOnly(2026, 10, 20), 30, Day(10, 20));
        db.Invoices.AddRange(i1, i2, i3);

        void Target(string? user, int? team, TargetMeasure measure, decimal target, decimal? stretch = null, decimal? challenge = null)
        {
            var row = new SalesTarget(2026, 10, user, team, measure, "CNY");
            row.Set(target, stretch, challenge, "admin", Day(9, 30));
            db.Targets.Add(row);
        }

        Target("a", null, TargetMeasure.Signed, 100_000m, 150_000m, 200_000m);
        Target("a", null, TargetMeasure.Collected, 50_000m);
        Target(null, East, TargetMeasure.Signed, 500_000m);
        Target(null, South, TargetMeasure.Signed, 400_000m);
        Target(null, East, TargetMeasure.QualifiedLeads, 2);
        Target(null, East, TargetMeasure.ConversionPercent, 25);
        Target(null, East, TargetMeasure.CycleDays, 30);
        Target(null, East, TargetMeasure.DsoDays, 45);
        Target(null, Ops, TargetMeasure.HandoffDays, 3);
        Target(null, Ops, TargetMeasure.DeliveryOnTimePercent, 90);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>12:00 in Shanghai on a day of 2026.</summary>
    public static DateTime Day(int month, int day) => new(2026, month, day, 4, 0, 0, DateTimeKind.Utc);

    private static Account Account(string name, LeadSource source, int? campaign, CustomerLevel level)
    {
        var account = new Account(name, name, null, null, "zh-CN", Day(1, 1));
        account.SetProfile(new AccountProfile(name, name, null, null, "zh-CN", level, SizeBand.Unknown));
        account.CameFrom(source, campaign);
        return account;
    }
}
