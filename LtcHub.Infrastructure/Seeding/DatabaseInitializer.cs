using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>
/// Runs once at start: migrates (SQLite always, SQL Server when configured), makes sure the
/// roles and the default pipeline exist, and seeds the demo company when asked to.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<LtcHubDbContext> contexts,
    DatabaseOptions database,
    IOptions<SeedOptions> seed,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (database.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            await Persistence.SqliteStatistics.RefreshAsync(db, cancellationToken);

            if (!await db.Stages.AnyAsync(cancellationToken))
            {
                db.Stages.AddRange(DefaultPipeline.Create());
                await db.SaveChangesAsync(cancellationToken);
            }

            if (!await db.CompanySettings.AnyAsync(cancellationToken))
            {
                db.CompanySettings.Add(Domain.Settings.CompanySettings.Default());
                await db.SaveChangesAsync(cancellationToken);
            }

            if (!await db.ScoringSettings.AnyAsync(cancellationToken))
            {
                db.ScoringSettings.Add(Domain.Scoring.ScoringSettings.Default());
                db.DuplicateRules.Add(Domain.Accounts.DuplicateRules.Default());
                await db.SaveChangesAsync(cancellationToken);
            }

            await MatchingKeys.BackfillAsync(db, cancellationToken);

            if (!await db.DunningPolicies.AnyAsync(cancellationToken))
            {
                db.DunningPolicies.Add(Domain.Billing.DunningPolicy.CreateDefault());
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        await CreateFirstAdminAsync();

        if (seed.Value.DemoData)
        {
            await new DemoData(contexts, users, time, logger, seed.Value.DemoDealCount).SeedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Outside a demo, no demo login may sign in: any that still exists with the published password
    /// (a database first used for a demo) is locked for good.
    /// </summary>
    public async Task DisableDemoLoginsAsync()
    {
        foreach (var demo in DemoUsers.All)
        {
            if (await users.FindByEmailAsync(demo.Email) is { } user && await users.CheckPasswordAsync(user, DemoUsers.Password)
                && !(user.LockoutEnd > DateTimeOffset.UtcNow.AddYears(50)))
            {
                await users.SetLockoutEnabledAsync(user, true);
                Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
                Check(await users.UpdateSecurityStampAsync(user));
                logger.LogWarning("Disabled the demo login {Email}: it still had the published demo password", demo.Email);
            }
        }
    }

    private async Task CreateFirstAdminAsync()
    {
        var (email, password) = (seed.Value.AdminEmail, seed.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password) || users.Users.Any())
        {
            return;
        }

        var admin = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin" };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, Roles.Admin));
        logger.LogInformation("Created the first administrator {Email}", email);
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
