using LtcHub.Domain.Billing;

namespace LtcHub.Infrastructure.Billing;

public sealed record InvoiceInput(int DealId, decimal Amount, DateOnly IssueDate, int PaymentTermsDays, int? BillingContactId);

/// <summary>A payment as entered. <see cref="SubmissionKey"/> is made once per form: a double click or a retry sends the same one.</summary>
public sealed record PaymentInput(decimal Amount, DateOnly Date, string? Reference, string SubmissionKey);

public enum InvoiceStatusFilter
{
    All,
    Unpaid,
    Overdue,
    Paid,
}

public sealed record InvoiceFilter(InvoiceStatusFilter Status = InvoiceStatusFilter.All, int? AccountId = null, string? OwnerId = null, string? Text = null);

public sealed record InvoiceRow(
    int Id, string Number, int DealId, string DealName, int AccountId, string AccountName, string? AccountEnglishName, string OwnerId,
    string OwnerName, decimal Amount, decimal PaidAmount, string Currency, DateOnly IssueDate, DateOnly DueDate, int? DunningLevel,
    DateOnly? AccountPausedUntil, long Version)
{
    /// <summary>The account's own dunning policy; null means the default.</summary>
    public int? AccountPolicyId { get; init; }

    public decimal Balance => Amount - PaidAmount;

    public InvoiceStatus Status => PaidAmount >= Amount ? InvoiceStatus.Paid : PaidAmount > 0 ? InvoiceStatus.PartlyPaid : InvoiceStatus.Open;

    public int DaysOverdue(DateOnly today) => Status == InvoiceStatus.Paid ? 0 : Math.Max(0, today.DayNumber - DueDate.DayNumber);
}

public sealed record PaymentLine(long Id, decimal Amount, DateOnly Date, string? Reference, string RecordedBy, DateTime RecordedAtUtc);

public sealed record NoticeLine(int Level, DunningChannel Channel, int DaysOverdue, decimal Balance, DateTime ClaimedAtUtc, DateTime? SentAtUtc,
    DateTime? CancelledAtUtc, int Attempts, string? LastError);

public sealed record InvoiceDetails(InvoiceRow Invoice, string? ContactName, string? ContactEmail, IReadOnlyList<PaymentLine> Payments,
    IReadOnlyList<NoticeLine> Notices, bool CanEdit);

/// <summary>What became of a payment: recorded now, or already recorded (same submission), with the invoice as it is.</summary>
public sealed record PaymentOutcome(bool Recorded, bool Duplicate, InvoiceRow Invoice, bool DealPaid);

public sealed record DunningLevelInput(int Level, int OffsetDays, DunningChannel Channel, string TemplateZh, string TemplateEn, bool Automatic);

public sealed record DunningPolicyView(int Id, string Name, decimal ToleranceAmount, IReadOnlyList<DunningLevelInput> Levels);
