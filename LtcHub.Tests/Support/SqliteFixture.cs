using LtcHub.Domain.Accounts;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Tests.Support;

/// <summary>
/// Infrastructure wired exactly as the app wires it (<see cref="DependencyInjection.AddInfrastructure"/>)
/// on a migrated SQLite file with the default pipeline, one owner and one account.
/// </summary>
public sealed class SqliteFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private ServiceProvider _services = null!;

    public const string OwnerId = "owner-1";

    public IDbContextFactory<LtcHubDbContext> Contexts { get; private set; } = null!;

    public int AccountId { get; private set; }

    public IServiceProvider Services => _services;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:LtcHub"] = _database.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddLogging().AddInfrastructure(configuration, _database.Folder).BuildServiceProvider();
        Contexts = _services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>();

        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        db.Stages.AddRange(DefaultPipeline.Create());
        db.Users.Add(new ApplicationUser { Id = OwnerId, UserName = "owner@test", Email = "owner@test", DisplayName = "Owner" });
        var account = new Account("测试客户", "Test Customer", null, null, "zh-CN", DateTime.UtcNow);
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        AccountId = account.Id;
    }

    public async Task<int> AddDealAsync(string name = "Deal")
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var lead = await db.Stages.SingleAsync(s => s.Key == StageKeys.Lead);
        var deal = new Deal(name, AccountId, OwnerId, null, lead, 10_000m, "CNY", null, DateTime.UtcNow);
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        return deal.Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }
}
