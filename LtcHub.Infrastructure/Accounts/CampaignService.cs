using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Accounts;

public sealed record CampaignDraft(string Name, LeadSource Source, decimal Cost, string Currency, DateOnly StartDate, DateOnly? EndDate, bool Active);

public sealed record CampaignRow(int Id, string Name, LeadSource Source, decimal Cost, string Currency, DateOnly StartDate, DateOnly? EndDate, bool Active,
    int Leads, long Version, string? FormToken = null, string? FormOwnerId = null);

/// <summary>Campaigns leads come from, with their cost (kept by Admin and sales managers; everyone picks from them).</summary>
public sealed class CampaignService(IDbContextFactory<LtcHubDbContext> contexts)
{
    public static bool CanManage(Actor actor) => actor.IsAdmin || actor.ManagedTeamIds.Count > 0;

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(bool activeOnly = false)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Campaigns.AsNoTracking().Where(c => !activeOnly || c.Active).OrderByDescending(c => c.StartDate)
            .Select(c => new CampaignRow(c.Id, c.Name, c.Source, c.Cost, c.Currency, c.StartDate, c.EndDate, c.Active,
                db.Accounts.Count(a => a.CampaignId == c.Id), c.Version, c.FormToken, c.FormOwnerId))
            .ToListAsync();
    }

    /// <param name="id">Null creates one.</param>
    public async Task<int> SaveAsync(Actor actor, int? id, long expectedVersion, CampaignDraft draft)
    {
        if (!CanManage(actor))
        {
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        Campaign campaign;
        if (id is { } existing)
        {
            campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == existing) ?? throw new NotFoundException();
            if (campaign.Version != expectedVersion)
            {
                throw new DomainException("Error.SettingsConflict");
            }

            campaign.Set(draft.Name, draft.Source, draft.Cost, draft.Currency, draft.StartDate, draft.EndDate, draft.Active);
        }
        else
        {
            campaign = new Campaign(draft.Name, draft.Source, draft.Cost, draft.Currency, draft.StartDate, draft.EndDate);
            db.Campaigns.Add(campaign);
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Error.SettingsConflict");
        }

        return campaign.Id;
    }
}
