using System.Buffers.Text;
using System.Security.Cryptography;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>What a website visitor typed into a campaign's form; <see cref="Website"/> is the honeypot people never see.</summary>
public sealed record WebLeadForm(string? Company, string? Name, string? Phone, string? Email, string? Need, string? Website);

/// <summary>
/// Web-to-lead: a campaign's public form (a secret token in its address) sends leads with the campaign's source
/// and campaign to the rep chosen for it, through the same capture and duplicate check as the app. A company that
/// is already a customer gets no second record: the visitor's message goes into its follow-up log, where its owner
/// sees it. The visitor is told the same either way, so the form reveals nothing about who is a customer.
/// </summary>
public sealed class WebLeadService(
    IDbContextFactory<LtcHubDbContext> contexts, LeadService leads, DuplicateCheck duplicates, FollowUpService followUps,
    ILogger<WebLeadService> logger)
{
    /// <summary>Opens the campaign's form (a new address, the old one stops working), its leads going to <paramref name="ownerId"/>.</summary>
    public async Task<string> OpenFormAsync(Actor actor, int campaignId, string ownerId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => new { u.Id, u.TeamId }).SingleOrDefaultAsync()
            ?? throw new NotFoundException();
        if (!CampaignService.CanManage(actor) || !(actor.IsAdmin || actor.Manages(owner.TeamId)))
        {
            throw new ForbiddenException();
        }

        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId) ?? throw new NotFoundException();
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        campaign.OpenWebForm(token, owner.Id);
        await db.SaveChangesAsync();
        return token;
    }

    public async Task CloseFormAsync(Actor actor, int campaignId)
    {
        if (!CampaignService.CanManage(actor))
        {
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId) ?? throw new NotFoundException();
        campaign.CloseWebForm();
        await db.SaveChangesAsync();
    }

    /// <summary>A visitor's submission. Bad input is refused with the field's reason; an unknown or closed form is not found.</summary>
    /// <returns>The new lead's deal id, or null (a bot filled the honeypot, or the company was known and got a follow-up).</returns>
    public async Task<int?> SubmitAsync(string token, WebLeadForm form)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.FormToken == token && c.Active && c.FormOwnerId != null)
            .Select(c => new { c.Id, c.Name, c.Source, c.FormOwnerId }).SingleOrDefaultAsync() ?? throw new NotFoundException();
        if (!string.IsNullOrEmpty(form.Website))
        {
            logger.LogInformation("Web form of campaign {CampaignId}: honeypot filled, nothing saved", campaign.Id);
            return null;
        }

        var company = Text.Required(form.Company, Account.NameMaxLength, "Lead.Company");
        if (string.IsNullOrWhiteSpace(form.Phone) && string.IsNullOrWhiteSpace(form.Email))
        {
            throw new DomainException("Error.Required", "WebForm.PhoneOrEmail");
        }

        var content = Text.Truncate($"{campaign.Name}: {form.Name} · {form.Phone} · {form.Email} · {form.Need}", FollowUp.ContentMaxLength);
        var known = (await duplicates.CheckAsync(Actor.System, new DuplicateProbe(company, form.Phone, form.Email))).FirstOrDefault(m => m.Blocks);
        if (known?.VisibleAccountId is { } accountId)
        {
            await followUps.LogAsync(Actor.System, new FollowUpDraft(accountId, null, null, FollowUpKind.Other, content));
            return null;
        }

        var card = await leads.CaptureAsync(Actor.System, new LeadDraft(company, null, form.Name, form.Phone, form.Email, campaign.Source, campaign.Id,
            form.Need, OwnerId: campaign.FormOwnerId, Notes: content, AcceptDuplicates: true));
        return card.Id;
    }
}
