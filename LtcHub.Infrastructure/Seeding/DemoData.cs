using LtcHub.Domain.Common;
using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Contracts;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>
/// The demo company: four teams, twelve users, sixty accounts and two hundred deals spread over
/// every stage. Deterministic (fixed random seed); dates are relative to "now". Every deal is
/// walked through the pipeline with <see cref="Deal.MoveTo"/>, so the rules hold and each deal
/// has a real timeline in the audit log.
/// </summary>
internal sealed class DemoData(
    IDbContextFactory<LtcHubDbContext> contexts,
    UserManager<ApplicationUser> users,
    TimeProvider time,
    ILogger logger,
    int dealCount = DemoData.DefaultDealCount)
{
    public const int AccountCount = 60;
    public const int DefaultDealCount = 200;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Deals.AnyAsync(cancellationToken) || await db.Teams.AnyAsync(cancellationToken))
        {
            return;
        }

        var random = new Random(2026);
        var now = time.GetUtcNow().UtcDateTime;
        var teams = DemoTeams.All.Select(t => new Team(t.Name, t.Kind)).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync(cancellationToken);

        var people = new Dictionary<string, (ApplicationUser User, DemoUser Demo)>();
        foreach (var demo in DemoUsers.All)
        {
            var team = teams.SingleOrDefault(t => t.Name == demo.Team);
            var user = new ApplicationUser
            {
                UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.DisplayName,
                TeamId = team?.Id, PreferredCulture = demo.Email.StartsWith("sales4", StringComparison.Ordinal) ? Languages.English : Languages.Chinese,
            };
            DatabaseInitializer.Check(await users.CreateAsync(user, DemoUsers.Password));
            DatabaseInitializer.Check(await users.AddToRoleAsync(user, demo.Role));
            if (demo.IsManager)
            {
                team?.SetManager(user.Id);
            }

            people[demo.Email] = (user, demo);
        }

        var reps = people.Values.Where(p => p.Demo.Role == Roles.Sales).Select(p => p.User).ToList();
        var funnel = new DemoFunnel(random, now);
        var campaigns = funnel.Campaigns();
        db.Campaigns.AddRange(campaigns);
        db.PoolRules.AddRange(teams.Where(t => t.Kind == TeamKind.Sales).Select(t => new PoolRules(t.Id)));
        await db.SaveChangesAsync(cancellationToken);
        var accounts = DemoNames.CreateAccounts(random, now);
        funnel.Profile(accounts, reps, campaigns);
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync(cancellationToken);

        var stages = await db.Stages.OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var scoring = await db.ScoringSettings.SingleAsync(cancellationToken);
        var ops = people.Values.Where(p => p.Demo.Role == Roles.Ops).Select(p => p.User).ToList();
        var plans = new List<(Deal Deal, string Target, DateTime CreatedAt)>();
        var targets = DemoNames.Distribution
            .SelectMany(d => Enumerable.Repeat(d.Stage, (int)Math.Round(d.Count * (double)Math.Max(dealCount, 0) / DefaultDealCount)))
            .OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            var account = funnel.AccountFor(targets[i], accounts);
            var owner = reps.Single(r => r.Id == account.OwnerId);
            var createdAt = now.AddDays(-random.Next(20, 365)).AddMinutes(-random.Next(0, 600));
            var amount = random.Next(5, 500) * 10_000m;
            var close = DateOnly.FromDateTime(now.AddDays(random.Next(-20, 120)));
            var deal = new Deal($"{account.Name[2..Math.Min(account.Name.Length, 4)]} · {DemoNames.Products[random.Next(DemoNames.Products.Length)]}",
                account.Id, owner.Id, owner.TeamId, stages[0], random.Next(4) == 0 ? null : amount, "CNY", close, createdAt);
            db.Deals.Add(deal);
            plans.Add((deal, targets[i], createdAt));
        }

        await db.SaveChangesAsync(cancellationToken);

        var finance = people.Values.First(p => p.Demo.Role == Roles.Finance).User.Id;
        var documents = new DemoDocuments(random, finance);
        db.Products.AddRange(documents.Products);
        await db.SaveChangesAsync(cancellationToken);
        var quotes = new Dictionary<int, List<Quote>>();
        var wonAt = new Dictionary<int, DateTime>();
        var awaitingApproval = 0;
        foreach (var (deal, target, createdAt) in plans)
        {
            var owner = people.Values.Single(p => p.User.Id == deal.OwnerId).User;
            var ownerActor = ActorFor(owner, Roles.Sales);
            var opsActor = ActorFor(ops[random.Next(ops.Count)], Roles.Ops);
            var path = DemoNames.PathTo(target, random);
            var finalAge = TimeSpan.FromDays(random.Next(10) < 2 ? random.Next(25, 60) : random.Next(0, 12));
            var at = createdAt;
            var step = path.Count == 0 ? TimeSpan.Zero : (now - finalAge - createdAt) / path.Count;
            foreach (var key in path)
            {
                at += step;
                var stage = stages.Single(s => s.Key == key);
                if (key == StageKeys.Proposal && !quotes.ContainsKey(deal.Id))
                {
                    var awaiting = target == StageKeys.Proposal && awaitingApproval++ == 0;
                    quotes[deal.Id] = documents.QuotesFor(deal, at, revise: random.Next(4) == 0, awaitApproval: awaiting, owner.Id);
                    db.Quotes.AddRange(quotes[deal.Id]);
                }

                if (key == StageKeys.Won && quotes.GetValueOrDefault(deal.Id)?.LastOrDefault(q => q.Status == QuoteStatus.Sent) is { } accepted)
                {
                    // The customer accepted the last quote: its total is what the deal is worth.
                    accepted.Accept(at);
                    db.AuditEntries.AddRange(deal.TakeAmount(accepted.Gross, accepted.Currency, ownerActor, at));
                }

                if (key == StageKeys.Won)
                {
                    wonAt[deal.Id] = at;
                }

                if (key == StageKeys.Qualified)
                {
                    var scorecard = funnel.Score(deal, scoring, ownerActor, at);
                    db.Scorecards.Add(scorecard);
                    db.AuditEntries.AddRange(deal.Score(scorecard.Total, scorecard.Grade, ownerActor, at));
                }

                var input = new StageEntryInput(
                    Amount: deal.Amount is null ? random.Next(5, 500) * 10_000m : null,
                    LossReason: DemoNames.LossReasons[random.Next(DemoNames.LossReasons.Length)],
                    OpsAccepted: key == StageKeys.Handoff);
                var actor = stage.OwningTeam == TeamKind.Ops ? opsActor : ownerActor;
                var entryInput = key is StageKeys.Won or StageKeys.Qualified or StageKeys.Lost or StageKeys.Handoff
                    ? input
                    : StageEntryInput.Empty;
                db.AuditEntries.AddRange(deal.MoveTo(stage, entryInput, new DealFacts(quotes.ContainsKey(deal.Id), true, true, HasContract: true), actor, at));
            }

            if (deal.Stage.Key != StageKeys.Lost)
            {
                var account = accounts.Single(a => a.Id == deal.AccountId);
                db.FollowUps.AddRange(funnel.FollowUpsFor(deal, account, owner, createdAt, now - finalAge - TimeSpan.FromDays(random.Next(0, 6))));
                if (deal.IsWonOrBeyond)
                {
                    account.BecameCustomer();
                }
            }

            if (deal.Stage.OwningTeam == TeamKind.Sales)
            {
                var due = DateOnly.FromDateTime(now.AddDays(random.Next(-6, 14)));
                db.AuditEntries.AddRange(deal.Edit(
                    new DealEdit(deal.Name, deal.Amount, deal.Currency, deal.ExpectedCloseDate,
                        DemoNames.NextSteps[random.Next(DemoNames.NextSteps.Length)], due, null),
                    ownerActor, now - finalAge));
            }
        }

        var pooled = funnel.Pool(accounts, plans.Select(p => p.Deal).ToList()).Count();
        await db.SaveChangesAsync(cancellationToken);
        var contracts = plans.Where(p => wonAt.ContainsKey(p.Deal.Id)).Select(p => documents.ContractFor(p.Deal,
            quotes.GetValueOrDefault(p.Deal.Id)?.LastOrDefault(q => q.Status == QuoteStatus.Accepted), wonAt[p.Deal.Id], p.Deal.OwnerId)).ToList();
        db.Contracts.AddRange(contracts);
        await db.SaveChangesAsync(cancellationToken);
        var invoices = SeedInvoices(db, plans.Select(p => p.Deal).ToList(), contracts.ToDictionary(c => c.DealId), accounts, finance, now);
        await db.SaveChangesAsync(cancellationToken);

        var admin = people.Values.First(p => p.Demo.Role == Roles.Admin).User;
        DemoHistory.Targets(db, teams, reps, admin.Id, now);
        var facilitator = people.Values.First(p => p.Demo.Role == Roles.Sales && p.Demo.IsManager).User;
        var attendees = people.Values.Where(p => p.Demo.Role != Roles.Admin).Select(p => p.User).ToList();
        var discussed = plans.Select(p => p.Deal).Where(d => d.Stage.OwningTeam == TeamKind.Sales && d.Stage.Key != StageKeys.Won)
            .OrderByDescending(d => d.Amount).Take(3).Select(d => (d.Id, d.Name)).ToList();
        DemoHistory.Meetings(db, teams, attendees, facilitator, discussed, now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded demo data: {Teams} teams, {Users} users, {Accounts} accounts ({Pooled} in the pool), {Deals} deals, {Invoices} invoices",
            teams.Count, people.Count, accounts.Count, pooled, plans.Count, invoices);
    }

    /// <summary>
    /// Invoices for the instalments of the deals in Invoiced and Paid, in every state the cash end knows:
    /// paid, partly paid, not yet due, due in 3 days, overdue at each default dunning level's day and beyond,
    /// a paused account, and one balance under the tolerance. A paid deal's whole plan is collected; an
    /// invoiced deal has its first instalment invoiced (and, now and then, the second collected too), the
    /// rest still planned. The dunning run (at start, then daily) does the rest.
    /// </summary>
    private static int SeedInvoices(
        LtcHubDbContext db, IReadOnlyList<Deal> deals, IReadOnlyDictionary<int, Contract> contracts, IReadOnlyList<Account> accounts, string financeId,
        DateTime now)
    {
        var today = CompanyTime.Today(now);
        // (days until due; share already paid; pause the account; leave a balance of 5 under the tolerance)
        (int Due, decimal Paid, bool Pause, bool Small)[] scenarios =
        [
            (20, 0m, false, false), (3, 0m, false, false), (-1, 0m, false, false), (-7, 0m, false, false), (-15, 0m, false, false),
            (-30, 0m, false, false), (-45, 0m, false, false), (-10, 0.4m, false, false), (-8, 0m, true, false), (-20, 0m, false, true),
            (12, 0.5m, false, false), (-2, 0m, false, false), (3, 0m, false, false), (-9, 0m, false, false),
        ];
        var numbers = new Dictionary<int, int>();
        string Number(DateOnly issued)
        {
            numbers[issued.Year] = numbers.GetValueOrDefault(issued.Year) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"INV-{issued.Year}-{numbers[issued.Year]:D5}");
        }

        Invoice Create(Deal deal, PaymentPlanLine line, DateOnly due)
        {
            var account = accounts.Single(a => a.Id == deal.AccountId);
            var issued = due.AddDays(-30);
            var invoice = new Invoice(Number(issued), deal.Id, account.Id, account.Contacts.First().Id, line.Amount, deal.Currency,
                issued, 30, issued.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), line.Id);
            db.Invoices.Add(invoice);
            return invoice;
        }

        void Pay(Invoice invoice, decimal amount, DateOnly date) =>
            invoice.Pay(amount, date, $"BANK-{invoice.Number}", Guid.NewGuid().ToString("N"), financeId, date.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc));

        var count = 0;
        foreach (var deal in deals.Where(d => d.Stage.Key == StageKeys.Paid))
        {
            var paidOn = DateOnly.FromDateTime(deal.EnteredStageAtUtc);
            var lines = contracts[deal.Id].Plan.OrderBy(l => l.Number).ToList();

            // Two in three customers pay a few days early; the others two weeks late (their cooperation history shows it).
            var late = deal.Id % 3 == 0 ? 14 : -3;
            for (var n = 0; n < lines.Count; n++)
            {
                var invoice = Create(deal, lines[n], paidOn.AddDays(-late - 10 * (lines.Count - 1 - n)));
                Pay(invoice, invoice.Amount, paidOn.AddDays(-10 * (lines.Count - 1 - n)));
                count++;
            }
        }

        var i = 0;
        foreach (var deal in deals.Where(d => d.Stage.Key == StageKeys.Invoiced))
        {
            var (due, paid, pause, small) = scenarios[i++ % scenarios.Length];
            var lines = contracts[deal.Id].Plan.OrderBy(l => l.Number).ToList();
            var invoice = Create(deal, lines[0], today.AddDays(due));
            if (paid > 0)
            {
                Pay(invoice, Math.Round(invoice.Amount * paid, 2), today.AddDays(-1));
            }
            else if (small)
            {
                Pay(invoice, invoice.Amount - 5m, today.AddDays(-3));
            }

            if (pause)
            {
                accounts.Single(a => a.Id == deal.AccountId).PauseDunning(today.AddDays(14));
            }

            count++;
            if (lines.Count > 2 && i % 3 == 0)
            {
                // A longer plan further along: the second instalment already collected, the third still planned.
                Pay(Create(deal, lines[1], today.AddDays(-40)), lines[1].Amount, today.AddDays(-42));
                count++;
            }
        }

        return count;
    }

    private static Actor ActorFor(ApplicationUser user, string role) =>
        new(user.Id, user.DisplayName, new HashSet<string> { role }, user.TeamId, new HashSet<int>());
}
