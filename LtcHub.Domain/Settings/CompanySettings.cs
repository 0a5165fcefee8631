using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Settings;

/// <summary>The company's commercial settings, one row, kept by Admin (and Finance for the billing ones).</summary>
public sealed class CompanySettings
{
    public const int SingletonId = 1;

    private CompanySettings()
    {
    }

    public CompanySettings(decimal discountApprovalLimit, int quoteValidityDays, int? autoInvoiceDaysBeforeDue, int planReminderDaysBeforeDue)
    {
        Id = SingletonId;
        Update(discountApprovalLimit, quoteValidityDays, autoInvoiceDaysBeforeDue, planReminderDaysBeforeDue);
        Version = 1;
    }

    public int Id { get; private set; }

    /// <summary>A quote with a line discounted more than this (percent) needs a sales manager's approval.</summary>
    public decimal DiscountApprovalLimit { get; private set; }

    /// <summary>A new quote is valid this many days unless the rep says otherwise.</summary>
    public int QuoteValidityDays { get; private set; }

    /// <summary>When set, a job issues each plan instalment's invoice this many days before it is due.</summary>
    public int? AutoInvoiceDaysBeforeDue { get; private set; }

    /// <summary>The owner and Finance are reminded this many days before an instalment is due.</summary>
    public int PlanReminderDaysBeforeDue { get; private set; }

    public long Version { get; private set; }

    public static CompanySettings Default() => new(15m, 30, null, 3);

    public void Update(decimal discountApprovalLimit, int quoteValidityDays, int? autoInvoiceDaysBeforeDue, int planReminderDaysBeforeDue)
    {
        DiscountApprovalLimit = Percent.Valid(discountApprovalLimit, "Field.DiscountLimit");
        QuoteValidityDays = quoteValidityDays is >= 1 and <= 365 ? quoteValidityDays : throw new DomainException("Error.DaysRange", "Field.QuoteValidity", 1, 365);
        AutoInvoiceDaysBeforeDue = autoInvoiceDaysBeforeDue is null or (>= 0 and <= 90)
            ? autoInvoiceDaysBeforeDue
            : throw new DomainException("Error.DaysRange", "Field.AutoInvoiceDays", 0, 90);
        PlanReminderDaysBeforeDue = planReminderDaysBeforeDue is >= 0 and <= 60
            ? planReminderDaysBeforeDue
            : throw new DomainException("Error.DaysRange", "Field.PlanReminderDays", 0, 60);
        Version++;
    }

    public static bool CanManage(Actor actor) => actor.IsAdmin;
}
