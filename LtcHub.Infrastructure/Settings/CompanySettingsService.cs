using LtcHub.Domain.Common;
using LtcHub.Domain.Settings;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Settings;

public sealed record CompanySettingsInput(decimal DiscountApprovalLimit, int QuoteValidityDays, int? AutoInvoiceDaysBeforeDue, int PlanReminderDaysBeforeDue);

/// <summary>The company's commercial settings (one row; the defaults until an admin changes them).</summary>
public sealed class CompanySettingsService(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time)
{
    public async Task<CompanySettings> GetAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.CompanySettings.AsNoTracking().SingleOrDefaultAsync() ?? CompanySettings.Default();
    }

    /// <summary>Saves the settings against the version the admin saw; a concurrent save is a conflict, never overwritten.</summary>
    public async Task<CompanySettings> UpdateAsync(Actor actor, long expectedVersion, CompanySettingsInput input)
    {
        if (!CompanySettings.CanManage(actor))
        {
            throw new ForbiddenException();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var settings = await db.CompanySettings.SingleOrDefaultAsync();
        if (settings is null)
        {
            settings = CompanySettings.Default();
            db.CompanySettings.Add(settings);
        }

        if (settings.Version != expectedVersion)
        {
            throw new DomainException("Error.SettingsConflict");
        }

        var before = Describe(settings);
        settings.Update(input.DiscountApprovalLimit, input.QuoteValidityDays, input.AutoInvoiceDaysBeforeDue, input.PlanReminderDaysBeforeDue);
        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow().UtcDateTime, actor.UserId, actor.DisplayName, "Settings", "1", "Settings", before, Describe(settings)));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw new DomainException("Error.SettingsConflict");
        }

        return settings;
    }

    private static string Describe(CompanySettings s) =>
        FormattableString.Invariant($"discount limit {s.DiscountApprovalLimit}%; quotes valid {s.QuoteValidityDays} d; auto-invoice {s.AutoInvoiceDaysBeforeDue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}; plan reminder {s.PlanReminderDaysBeforeDue} d");
}
