using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Benchmarks;
/// <summary>
/// Fills a SQLite file with a big company for <see cref="ReportBenchmark"/>: deals created over two years and walked
/// through the pipeline, their stage history and other changes in the audit log, invoices with payments, contracts and
/// plan lines, targets — written in plain batched SQL, numbered as created.
/// </summary>
internal static class ReportSeeder
{
    private static readonly string[] Flow = [StageKeys.Lead, StageKeys.Qualified, StageKeys.Proposal, StageKeys.Negotiation, StageKeys.Won,
        StageKeys.Handoff, StageKeys.Delivery, StageKeys.Invoiced, StageKeys.Paid];

    public static async Task<(Actor Admin, Actor Rep)> ActorsAsync(IDbContextFactory<LtcHubDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rep = await db.Users.SingleAsync(u => u.Id == "rep-0");
        return (new Actor("admin", "Admin", new HashSet<string> { Roles.Admin }, null, new HashSet<int>()),
            new Actor(rep.Id, rep.DisplayName, new HashSet<string> { Roles.Sales }, rep.TeamId, new HashSet<int>()));
    }

    public static async Task<(Actor Admin, Actor Rep)> SeedAsync(IDbContextFactory<LtcHubDbContext> contexts, int dealCount, int auditRows, int invoiceCount)
    {
        var random = new Random(7);
        var now = DateTime.UtcNow;
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var stages = DefaultPipeline.Create();
        db.Stages.AddRange(stages);
        var teams = Enumerable.Range(1, 4).Select(i => new Team($"Sales {i}", TeamKind.Sales)).Append(new Team("Ops", TeamKind.Ops)).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();
        var reps = Enumerable.Range(0, 40).Select(i => new ApplicationUser
        {
            Id = $"rep-{i}", UserName = $"rep{i}@bench", Email = $"rep{i}@bench", DisplayName = $"Rep {i}", TeamId = teams[i % 4].Id,
        }).ToList();
        db.Users.AddRange(reps);
        db.Users.Add(new ApplicationUser { Id = "admin", UserName = "admin@bench", Email = "admin@bench", DisplayName = "Admin" });
        var campaigns = Enumerable.Range(0, 24).Select(i => new Campaign($"Campaign {i}", (LeadSource)(i % 6), 50_000m + i * 1_000m, "CNY",
            DateOnly.FromDateTime(now.AddDays(-30 * i - 20)), DateOnly.FromDateTime(now.AddDays(-30 * i)))).ToList();
        db.Campaigns.AddRange(campaigns);
        await db.SaveChangesAsync();
        var stageIds = stages.ToDictionary(s => s.Key, s => s.Id);

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        static string T(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string M(decimal amount) => amount.ToString("0.0###", CultureInfo.InvariantCulture);
        SqliteCommand Prepare(string sql, int parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var p = 0; p < parameters; p++)
            {
                command.Parameters.Add(new SqliteParameter($"@p{p}", null));
            }

            return command;
        }

        void Run(SqliteCommand command, params object?[] values)
        {
            for (var p = 0; p < values.Length; p++)
            {
                command.Parameters[p].Value = values[p] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        var accountCount = Math.Max(100, dealCount / 5);
        var account = Prepare("INSERT INTO Accounts (Id, CampaignId, CreatedAtUtc, Level, Name, NameKey, PreferredCulture, Size, Source, Status, Version, UpdatedAtUtc, OwnerId, TeamId) " +
            "VALUES (@p0,@p1,@p2,@p3,@p4,@p5,'zh-CN','Unknown',@p6,'Customer',1,@p2,@p7,@p8)", 9);
        for (var a = 1; a <= accountCount; a++)
        {
            var owner = reps[a % reps.Count];
            var campaign = a % 3 == 0 ? campaigns[a % campaigns.Count] : null;
            Run(account, a, campaign?.Id, T(now.AddDays(-800)), ((CustomerLevel)(a % 3)).ToString(), $"Company {a}", $"company{a}",
                (campaign?.Source ?? (LeadSource)(a % 7)).ToString(), owner.Id, owner.TeamId);
        }

        var deal = Prepare("INSERT INTO Deals (Id, AccountId, Amount, CreatedAtUtc, Currency, EnteredStageAtUtc, ExpectedCloseDate, Name, OwnerId, StageId, TeamId, " +
            "UpdatedAtUtc, Version, Forecast, ProbabilityOverride) VALUES (@p0,@p1,@p2,@p3,'CNY',@p4,@p5,@p6,@p7,@p8,@p9,@p4,1,@p10,@p11)", 12);
        var audit = Prepare("INSERT INTO AuditEntries (AtUtc, ActorId, ActorName, EntityType, EntityId, Field, OldValue, NewValue) VALUES (@p0,@p1,'Rep','Deal',@p2,@p3,@p4,@p5)", 6);
        var move = Prepare("INSERT INTO DealStageMoves (DealId, AtUtc, \"From\", \"To\", EnteredAtUtc) VALUES (@p0,@p1,@p2,@p3,@p4)", 5);
        var contract = Prepare("INSERT INTO Contracts (Id, DealId, Number, SignedDate, Amount, Currency, StartDate, CreatedById, CreatedAtUtc, Version) " +
            "VALUES (@p0,@p0,@p1,@p2,@p3,'CNY',@p2,@p4,@p5,1)", 6);
        var planLine = Prepare("INSERT INTO PaymentPlanLines (Id, ContractId, Number, DueDate, Amount) VALUES (@p0,@p0,1,@p1,@p2)", 3);
        var stageLines = 0;
        var billed = new List<(int Deal, int Account, decimal Amount, DateTime Invoiced, bool Paid)>();
        // Deals are numbered as they are created (as in the app): the newest have the highest ids.
        var createdAt = Enumerable.Range(0, dealCount).Select(_ => now.AddDays(-random.NextDouble() * 730)).Order().ToArray();
        for (var id = 1; id <= dealCount; id++)
        {
            var owner = reps[random.Next(reps.Count)];
            var created = createdAt[id - 1];
            var amount = random.Next(5, 500) * 10_000m;
            var at = created;
            var reached = 0;
            var lines = new List<(DateTime At, string From, string To)>();
            while (reached < Flow.Length - 1 && random.NextDouble() < 0.8)
            {
                var next = at.AddDays(1 + random.NextDouble() * 20);
                if (next > now)
                {
                    break;
                }

                lines.Add((next, Flow[reached], Flow[reached + 1]));
                reached++;
                at = next;
            }

            var current = Flow[reached];
            if (reached < 4 && at < now.AddDays(-5) && random.NextDouble() < 0.6)
            {
                at = at.AddDays(1 + random.NextDouble() * 10);
                if (at < now)
                {
                    lines.Add((at, current, StageKeys.Lost));
                    current = StageKeys.Lost;
                }
            }

            var close = DateOnly.FromDateTime(created.AddDays(30 + random.Next(120)));
            Run(deal, id, (id % (accountCount - 1)) + 1, M(amount), T(created), T(at), D(close), $"Deal {id}", owner.Id, stageIds[current], owner.TeamId,
                ((ForecastCategory)(id % 4)).ToString(), id % 5 == 0 ? 30 + id % 60 : null);
            var entered = created;
            foreach (var (when, from, to) in lines)
            {
                Run(audit, T(when), owner.Id, id.ToString(CultureInfo.InvariantCulture), DealFields.Stage, from, to);
                Run(move, id, T(when), from, to, T(entered));   // what the app's SaveChanges writes beside each stage line
                entered = when;
                stageLines++;
            }

            var wonAt = lines.FirstOrDefault(l => l.To == StageKeys.Won).At;
            if (wonAt != default)
            {
                Run(contract, id, $"C-{id}", D(DateOnly.FromDateTime(wonAt)), M(amount), owner.Id, T(wonAt));
                Run(planLine, id, D(DateOnly.FromDateTime(wonAt.AddDays(60))), M(amount));
            }

            var invoicedAt = lines.FirstOrDefault(l => l.To == StageKeys.Invoiced).At;
            if (invoicedAt != default)
            {
                billed.Add((id, (id % (accountCount - 1)) + 1, amount, invoicedAt, current == StageKeys.Paid));
            }
        }

        // The rest of the audit log: other changes of the same deals (next steps, close dates pushed, amounts).
        for (var n = stageLines; n < auditRows; n++)
        {
            var id = random.Next(1, dealCount + 1);
            var when = now.AddDays(-random.NextDouble() * 730);
            var day = DateOnly.FromDateTime(when);
            _ = (n % 3) switch
            {
                0 => Run2(DealFields.NextStep, null, $"Step {n}"),
                1 => Run2(DealFields.ExpectedCloseDate, D(day), D(day.AddDays(random.Next(-5, 30)))),
                _ => Run2(DealFields.Amount, M(random.Next(5, 500) * 10_000m), M(random.Next(5, 500) * 10_000m)),
            };

            int Run2(string field, string? old, string? value)
            {
                Run(audit, T(when), reps[id % reps.Count].Id, id.ToString(CultureInfo.InvariantCulture), field, old, value);
                return 0;
            }
        }

        var invoice = Prepare("INSERT INTO Invoices (Id, AccountId, Amount, CreatedAtUtc, Currency, DealId, DueDate, IssueDate, Number, PaidAmount, PaymentTermsDays, Version, UpdatedAtUtc) " +
            "VALUES (@p0,@p1,@p2,@p3,'CNY',@p4,@p5,@p6,@p7,@p8,30,1,@p3)", 9);
        var payment = Prepare("INSERT INTO Payments (InvoiceId, Amount, Date, SubmissionKey, RecordedById, RecordedAtUtc) VALUES (@p0,@p1,@p2,@p3,'admin',@p4)", 5);
        var perDeal = Math.Max(1, (int)Math.Ceiling(invoiceCount / (double)Math.Max(1, billed.Count)));
        var invoiceId = 0;
        foreach (var (dealId, accountId, amount, invoicedAt, paid) in billed)
        {
            for (var k = 0; k < perDeal && invoiceId < invoiceCount; k++)
            {
                invoiceId++;
                var issued = DateOnly.FromDateTime(invoicedAt.AddDays(-k * 7));
                var part = Math.Round(amount / perDeal, 2);
                var settled = paid || k > 0 ? part : random.Next(3) == 0 ? Math.Round(part / 2, 2) : 0m;
                Run(invoice, invoiceId, accountId, M(part), T(invoicedAt), dealId, D(issued.AddDays(30)), D(issued), $"INV-{invoiceId}", M(settled));
                if (settled > 0)
                {
                    var on = issued.AddDays(random.Next(5, 60));
                    Run(payment, invoiceId, M(settled), D(on), $"pay-{invoiceId}", T(on.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc)));
                }
            }
        }

        await transaction.CommitAsync();
        await SqliteStatistics.RefreshAsync(db);   // what the app does at start and nightly
        var target = Prepare("INSERT INTO Targets (Year, Month, Subject, UserId, TeamId, Measure, Currency, Target, Stretch, Challenge, SetById, SetAtUtc, Version) " +
            "VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,NULL,NULL,'admin',@p8,1)", 9);
        target.Transaction = null;
        var first = new DateOnly(now.Year, now.Month, 1).AddMonths(-23);
        for (var m = first; m <= first.AddMonths(24); m = m.AddMonths(1))
        {
            foreach (var r in reps)
            {
                Run(target, m.Year, m.Month, "u:" + r.Id, r.Id, null, "Signed", "CNY", M(3_000_000m), T(now));
                Run(target, m.Year, m.Month, "u:" + r.Id, r.Id, null, "Collected", "CNY", M(2_000_000m), T(now));
            }

            foreach (var t in teams.Where(t => t.Kind == TeamKind.Sales))
            {
                Run(target, m.Year, m.Month, "t:" + t.Id, null, t.Id, "Signed", "CNY", M(30_000_000m), T(now));
                Run(target, m.Year, m.Month, "t:" + t.Id, null, t.Id, "QualifiedLeads", "", M(300m), T(now));
            }
        }

        var rep = reps[0];
        return (new Actor("admin", "Admin", new HashSet<string> { Roles.Admin }, null, new HashSet<int>()),
            new Actor(rep.Id, rep.DisplayName, new HashSet<string> { Roles.Sales }, rep.TeamId, new HashSet<int>()));
    }
}
