using LtcHub.Domain.Billing;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Billing;

/// <summary>Dunning policies and per-account dunning settings (pause, own policy): Finance and Admin.</summary>
public sealed class DunningSettingsService(IDbContextFactory<LtcHubDbContext> contexts, ILogger<DunningSettingsService> logger)
{
    /// <summary>Pauses dunning for an account until a date (null: resume).</summary>
    public async Task PauseDunningAsync(Actor actor, int accountId, DateOnly? until)
    {
        RequireEdit(actor, "pause dunning");
        await using var db = await contexts.CreateDbContextAsync();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId) ?? throw new DomainException("Error.NotFound");
        account.PauseDunning(until);
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<(int Id, string Name, bool IsDefault)>> PoliciesAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.DunningPolicies.AsNoTracking().OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name)
                .Select(p => new { p.Id, p.Name, p.IsDefault }).ToListAsync())
            .Select(p => (p.Id, p.Name, p.IsDefault)).ToList();
    }

    /// <summary>A dunning policy, levels in order (the default one when no id is given).</summary>
    public async Task<DunningPolicyView> PolicyAsync(int? policyId = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var policy = await db.DunningPolicies.AsNoTracking().SingleOrDefaultAsync(p => policyId == null ? p.IsDefault : p.Id == policyId)
            ?? throw new DomainException("Error.NotFound");
        return View(policy);
    }

    /// <summary>A new policy for accounts that need other rules; it starts as a copy of the default.</summary>
    public async Task<DunningPolicyView> CreatePolicyAsync(Actor actor, string name)
    {
        RequireEdit(actor, "create a dunning policy");
        await using var db = await contexts.CreateDbContextAsync();
        var copy = (await db.DunningPolicies.SingleAsync(p => p.IsDefault)).CopyAs(name);
        db.DunningPolicies.Add(copy);
        await db.SaveChangesAsync();
        return View(copy);
    }

    /// <summary>Changes a policy's tolerance and levels (Finance and Admin); invalid input changes nothing.</summary>
    public async Task<DunningPolicyView> UpdatePolicyAsync(Actor actor, int policyId, decimal tolerance, IReadOnlyList<DunningLevelInput> levels)
    {
        RequireEdit(actor, "change the dunning policy");
        await using var db = await contexts.CreateDbContextAsync();
        var policy = await db.DunningPolicies.SingleOrDefaultAsync(p => p.Id == policyId) ?? throw new DomainException("Error.NotFound");
        policy.SetTolerance(tolerance);
        foreach (var input in levels)
        {
            var level = policy.Levels.SingleOrDefault(l => l.Level == input.Level) ?? throw new DomainException("Error.NotFound");
            level.Update(input.OffsetDays, input.Channel, input.TemplateZh, input.TemplateEn, input.Automatic);
        }

        await db.SaveChangesAsync();
        logger.LogInformation("Dunning policy {PolicyId} changed by {UserId}", policyId, actor.UserId);
        return View(policy);
    }

    /// <summary>Gives an account its own policy (null: back to the default).</summary>
    public async Task SetAccountPolicyAsync(Actor actor, int accountId, int? policyId)
    {
        RequireEdit(actor, "set an account's dunning policy");
        await using var db = await contexts.CreateDbContextAsync();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId) ?? throw new DomainException("Error.NotFound");
        if (policyId is { } id && !await db.DunningPolicies.AnyAsync(p => p.Id == id))
        {
            throw new DomainException("Error.NotFound");
        }

        account.UseDunningPolicy(policyId);
        await db.SaveChangesAsync();
    }

    private static DunningPolicyView View(DunningPolicy policy) =>
        new(policy.Id, policy.Name, policy.ToleranceAmount, policy.Levels.OrderBy(l => l.Level)
            .Select(l => new DunningLevelInput(l.Level, l.OffsetDays, l.Channel, l.TemplateZh, l.TemplateEn, l.Automatic)).ToList());

    private void RequireEdit(Actor actor, string what)
    {
        if (!BillingPolicy.CanEdit(actor))
        {
            logger.LogWarning("Refused to {What} for {UserId}: not Finance or Admin", what, actor.UserId);
            throw new ForbiddenException();
        }
    }
}
