using LtcHub.Domain.Billing;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Billing;

/// <summary>
/// A new invoice. With <see cref="PaymentPlanLineId"/> it is issued for that instalment of the deal's plan (its amount);
/// a deal with a contract is only invoiced that way.
/// </summary>
public sealed record InvoiceInput(int DealId, decimal Amount, DateOnly IssueDate, int PaymentTermsDays, int? BillingContactId, int? PaymentPlanLineId = null);

/// <summary>A deal that can be invoiced: what is left, and the plan's instalments not yet invoiced (empty without a contract).</summary>
public sealed record Invoiceable(DealCard Deal, decimal Uninvoiced, IReadOnlyList<UninvoicedLine> Lines);

public sealed record UninvoicedLine(int Id, int Number, DateOnly DueDate, decimal Amount);

/// <summary>A payment as entered. <see cref="SubmissionKey"/> is made once per form: a double click or a retry sends the same one.</summary>
public sealed record PaymentInput(decimal Amount, DateOnly Date, string? Reference, string SubmissionKey);

public enum InvoiceStatusFilter
{
    All,
    Unpaid,
    Overdue,
    Paid,
}

public sealed record InvoiceFilter(
    InvoiceStatusFilter Status = InvoiceStatusFilter.All, int? AccountId = null, string? OwnerId = null, string? Text = null, int? DealId = null);

public sealed record InvoiceRow(
    int Id, string Number, int DealId, string DealName, int AccountId, string AccountName, string? AccountEnglishName, string OwnerId,
    string OwnerName, decimal Amount, decimal PaidAmount, string Currency, DateOnly IssueDate, DateOnly DueDate, int? DunningLevel,
    DateOnly? AccountPausedUntil, long Version)
{
    /// <summary>The account's own dunning policy; null means the default.</summary>
    public int? AccountPolicyId { get; init; }

    /// <summary>The instalment of the contract's plan it was issued for.</summary>
    public int? PlanLineNumber { get; init; }

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
