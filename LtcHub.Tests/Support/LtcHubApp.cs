using System.Net;
using Hangfire;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LtcHub.Tests.Support;

/// <summary>
/// The real LtcHub (Program.cs) on its own SQLite file with the demo data, in-process
/// (<see cref="CreateClient()"/>) or on a real Kestrel port for Chromium (<see cref="StartKestrel"/>).
/// </summary>
public class LtcHubApp : WebApplicationFactory<Program>
{
    private readonly TempDatabase _database = new();
    private bool _kestrel;

    /// <summary>A cron expression that never comes due (31 February).</summary>
    public const string Never = "0 0 31 2 *";

    public string DatabasePath => _database.Path;

    /// <summary>Where letters go when no SMTP host is configured (the pickup folder).</summary>
    public string MailFolder => _database.Path + ".mail";

    /// <summary>More settings for a test's own app (an SMTP host, a clock).</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>Seed the demo company (default). Without it the database has the pipeline and roles only.</summary>
    protected virtual bool DemoData => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:LtcHub", _database.ConnectionString);
        builder.UseSetting("Seed:DemoData", DemoData ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("LTCHUB_TEST_LOGLEVEL") ?? "Warning");

        // A real Hangfire server runs, but the schedules never come due on their own: tests trigger jobs.
        foreach (var key in new[] { "Jobs:Dunning", "Jobs:Reminders", "Jobs:Outbox", "Jobs:QuotesExpire", "Jobs:PlanInvoices", "Jobs:PoolReclaim", "Jobs:WinModel", "Jobs:Webhooks" })
        {
            builder.UseSetting(key, Never);
        }

        builder.UseSetting("Jobs:RunDunningAtStartup", "false");
        builder.UseSetting("Smtp:PickupFolder", MailFolder);
        ConfigureSettings(builder);
        if (_kestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>Starts a real Kestrel on 127.0.0.1 and returns its base address.</summary>
    public Uri StartKestrel()
    {
        _kestrel = true;
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        GlobalConfiguration.Configuration.UseLogProvider(QuietHangfireLog.Instance);
        return host;
    }

    public LtcHubDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The <see cref="Actor"/> a demo user acts as, read the same way the sign-in cookie is built.</summary>
    public async Task<Actor> ActorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo user {email}");
        return (await factory.CreateAsync(user)).ToActor()!;
    }

    /// <summary>The id of a demo team (<see cref="LtcHub.Infrastructure.Seeding.DemoTeams"/>).</summary>
    public async Task<int> TeamIdAsync(string name)
    {
        await using var db = CreateDbContext();
        return await db.Teams.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    /// <summary>A fresh deal of <paramref name="ownerEmail"/>'s, placed directly in <paramref name="stageKey"/>.</summary>
    public async Task<LtcHub.Infrastructure.Pipeline.DealCard> CreateDealAsync(
        string ownerEmail, string stageKey, string name = "Test deal", decimal amount = 100_000m, int accountIndex = 0)
    {
        var owner = await ActorAsync(ownerEmail);
        await using var db = CreateDbContext();
        var stage = await db.Stages.SingleAsync(s => s.Key == stageKey);
        var account = await db.Accounts.OrderBy(a => a.Id).Skip(accountIndex).FirstAsync();
        var deal = new LtcHub.Domain.Pipeline.Deal(name, account.Id, owner.UserId, owner.TeamId, stage, amount, "CNY", null, DateTime.UtcNow);
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        var card = await LtcHub.Infrastructure.Pipeline.BoardReader.Cards(db, q => q.Where(d => d.Id == deal.Id)).SingleAsync();

        // Announced like the app's own new deals, so open boards (and the shared board behind them) show it.
        await Get<LtcHub.Infrastructure.Events.IBoardEvents>().PublishAsync(new LtcHub.Infrastructure.Events.DealCreated(card, owner.UserId, owner.DisplayName));
        return card;
    }

    /// <summary>
    /// Signs the deal's contract as its owner would (the amount it carries, one instalment due in 30 days) and
    /// returns the card as it is afterwards.
    /// </summary>
    public async Task<LtcHub.Infrastructure.Pipeline.DealCard> SignContractAsync(LtcHub.Infrastructure.Pipeline.DealCard deal, decimal? amount = null)
    {
        await using var db = CreateDbContext();
        var owner = await db.Users.Where(u => u.Id == deal.OwnerId).Select(u => u.Email!).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Get<LtcHub.Infrastructure.Contracts.ContractService>().CreateAsync(await ActorAsync(owner),
            deal.Id, new LtcHub.Infrastructure.Contracts.ContractDraft(today, amount ?? deal.Amount ?? 100_000m, today, null, null, []));
        return (await Get<LtcHub.Infrastructure.Pipeline.BoardReader>().CardAsync(deal.Id))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}

/// <summary>The real app with an empty pipeline (no demo company).</summary>
public sealed class EmptyLtcHubApp : LtcHubApp
{
    protected override bool DemoData => false;
}
