using LtcHub.Domain.Common;

namespace LtcHub.Domain.Billing;

public enum InvoiceStatus
{
    Open,
    PartlyPaid,
    Paid,
}

/// <summary>
/// An invoice for (part of) a won deal. Payments reduce its balance; it can never be overpaid.
/// <see cref="Version"/> guards concurrent payments.
/// </summary>
public sealed class Invoice
{
    public const int NumberMaxLength = 32;

    private readonly List<Payment> _payments = [];

    private Invoice()
    {
    }

    public Invoice(string number, int dealId, int accountId, int? billingContactId, decimal amount, string currency, DateOnly issueDate,
        int paymentTermsDays, DateTime nowUtc, int? paymentPlanLineId = null)
    {
        PaymentPlanLineId = paymentPlanLineId;
        Number = number;
        DealId = dealId;
        AccountId = accountId;
        BillingContactId = billingContactId;
        Amount = Money.ValidAmount(amount);
        Currency = Money.ValidCurrency(currency);
        IssueDate = Dates.Valid(issueDate, "Field.IssueDate");
        if (paymentTermsDays is < 0 or > 365)
        {
            throw new DomainException("Error.PaymentTermsRange");
        }

        PaymentTermsDays = paymentTermsDays;
        DueDate = issueDate.AddDays(paymentTermsDays);
        CreatedAtUtc = nowUtc;
        Version = 1;
    }

    public int Id { get; private set; }

    public string Number { get; private set; } = "";

    public int DealId { get; private set; }

    public int AccountId { get; private set; }

    public int? BillingContactId { get; private set; }

    /// <summary>The payment plan instalment this invoice was issued for (if it was).</summary>
    public int? PaymentPlanLineId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public DateOnly IssueDate { get; private set; }

    public int PaymentTermsDays { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>Sum of payments (kept on the row so overdue scans and lists need no aggregate).</summary>
    public decimal PaidAmount { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<Payment> Payments => _payments;

    public decimal Balance => Amount - PaidAmount;

    public InvoiceStatus Status => PaidAmount >= Amount ? InvoiceStatus.Paid : PaidAmount > 0 ? InvoiceStatus.PartlyPaid : InvoiceStatus.Open;

    public int DaysOverdue(DateOnly today) => Status == InvoiceStatus.Paid ? 0 : Math.Max(0, today.DayNumber - DueDate.DayNumber);

    /// <summary>Records a payment. Non-positive amounts and overpayment are refused and change nothing.</summary>
    public Payment Pay(decimal amount, DateOnly date, string? reference, string submissionKey, string byUserId, DateTime nowUtc)
    {
        if (amount <= 0)
        {
            throw new DomainException("Error.PaymentNotPositive");
        }

        if (amount > Balance)
        {
            throw new DomainException("Error.Overpayment", Balance);
        }

        var payment = new Payment(Id, amount, Dates.Valid(date, "Field.PaymentDate"),
            Text.Optional(reference, Payment.ReferenceMaxLength, "Field.PaymentReference"), submissionKey, byUserId, nowUtc);
        _payments.Add(payment);
        PaidAmount += amount;
        Version++;
        return payment;
    }
}

/// <summary>Money received against an invoice. <see cref="SubmissionKey"/> is unique: a retried submission is recorded once.</summary>
public sealed class Payment
{
    public const int ReferenceMaxLength = 100;
    public const int SubmissionKeyMaxLength = 64;

    private Payment()
    {
    }

    internal Payment(int invoiceId, decimal amount, DateOnly date, string? reference, string submissionKey, string byUserId, DateTime nowUtc)
    {
        InvoiceId = invoiceId;
        Amount = amount;
        Date = date;
        Reference = reference;
        SubmissionKey = string.IsNullOrWhiteSpace(submissionKey) || submissionKey.Length > SubmissionKeyMaxLength
            ? throw new DomainException("Error.Required", "Field.SubmissionKey")
            : submissionKey;
        RecordedById = byUserId;
        RecordedAtUtc = nowUtc;
    }

    public long Id { get; private set; }

    public int InvoiceId { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly Date { get; private set; }

    public string? Reference { get; private set; }

    public string SubmissionKey { get; private set; } = "";

    public string RecordedById { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }
}
