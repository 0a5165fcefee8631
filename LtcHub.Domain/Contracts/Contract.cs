using LtcHub.Domain.Common;

namespace LtcHub.Domain.Contracts;

/// <summary>One instalment as entered: a due date and either an amount or a share of the contract in percent.</summary>
public sealed record PlanLineInput(DateOnly DueDate, decimal? Amount, decimal? Percent);

/// <summary>The signed scan of a contract, stored outside the web root under <see cref="StorageKey"/>.</summary>
public sealed record ContractAttachment(string FileName, string ContentType, long Size, string StorageKey, DateTime UploadedAtUtc);

/// <summary>
/// The signed contract of a won deal (合同), with its payment plan (回款计划): instalments that add up to
/// the contract amount. Finance issues an invoice from each instalment; payments on those invoices
/// collect it. A deal is paid once its plan is fully collected.
/// </summary>
public sealed class Contract
{
    public const string EntityType = "Contract";
    public const int NumberMaxLength = 32;
    public const int MaxPlanLines = 60;

    private readonly List<PaymentPlanLine> _plan = [];

    private Contract()
    {
    }

    public Contract(int dealId, string number, DateOnly signedDate, decimal amount, string currency, DateOnly startDate, DateOnly? endDate,
        int? quoteId, string createdById, DateTime nowUtc)
    {
        DealId = dealId;
        Number = Text.Required(number, NumberMaxLength, "Field.ContractNumber");
        SignedDate = Dates.Valid(signedDate, "Field.SignedDate");
        Amount = Money.ValidAmount(amount);
        Currency = Money.ValidCurrency(currency);
        StartDate = Dates.Valid(startDate, "Field.StartDate");
        EndDate = endDate is { } end ? Dates.Valid(end, "Field.EndDate") : null;
        if (EndDate < StartDate)
        {
            throw new DomainException("Error.EndBeforeStart");
        }

        QuoteId = quoteId;
        CreatedById = createdById;
        CreatedAtUtc = nowUtc;
        Version = 1;
    }

    public int Id { get; private set; }

    public int DealId { get; private set; }

    /// <summary>CT-2026-00001 (or the reference a deal carried before contracts existed).</summary>
    public string Number { get; private set; } = "";

    public DateOnly SignedDate { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    /// <summary>The accepted quote the contract was signed on.</summary>
    public int? QuoteId { get; private set; }

    public string? AttachmentName { get; private set; }

    public string? AttachmentContentType { get; private set; }

    public long? AttachmentSize { get; private set; }

    public string? AttachmentKey { get; private set; }

    public DateTime? AttachmentUploadedAtUtc { get; private set; }

    public string CreatedById { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<PaymentPlanLine> Plan => _plan;

    public ContractAttachment? Attachment => AttachmentKey is null
        ? null
        : new ContractAttachment(AttachmentName!, AttachmentContentType!, AttachmentSize ?? 0, AttachmentKey, AttachmentUploadedAtUtc ?? CreatedAtUtc);

    /// <summary>
    /// Replaces the plan. Instalments given in percent become amounts (the last such line takes the
    /// rounding, so a 30/40/30 plan adds up to the fen); the plan must add up to the contract amount.
    /// Instalments already invoiced (<paramref name="invoicedLineIds"/>) cannot change or go: they are kept as they are, in front.
    /// </summary>
    public void SetPlan(IReadOnlyList<PlanLineInput> lines, IReadOnlySet<int> invoicedLineIds)
    {
        var invoiced = _plan.Where(l => invoicedLineIds.Contains(l.Id)).OrderBy(l => l.Number).ToList();
        if (lines.Count == 0 && invoiced.Count == 0)
        {
            throw new DomainException("Error.PlanEmpty");
        }

        if (lines.Count + invoiced.Count > MaxPlanLines)
        {
            throw new DomainException("Error.PlanTooLong", MaxPlanLines);
        }

        var amounts = new List<decimal>();
        var lastByPercent = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            Dates.Valid(line.DueDate, "Field.DueDate");
            if (line.Percent is { } share)
            {
                Percent.Valid(share, "Field.PlanPercent");
                amounts.Add(decimal.Round(Amount * share / 100m, 2, MidpointRounding.AwayFromZero));
                lastByPercent = i;
            }
            else if (line.Amount is { } amount)
            {
                amounts.Add(Money.ValidAmount(amount));
            }
            else
            {
                throw new DomainException("Error.PlanLineNeedsAmount", i + 1);
            }
        }

        var fixedTotal = invoiced.Sum(l => l.Amount);
        var difference = Amount - fixedTotal - amounts.Sum();
        if (difference != 0 && lastByPercent >= 0 && Math.Abs(difference) <= 0.01m * lines.Count)
        {
            amounts[lastByPercent] += difference;
        }

        var total = fixedTotal + amounts.Sum();
        if (total != Amount)
        {
            throw new DomainException("Error.PlanDoesNotAddUp", total, Amount);
        }

        if (amounts.Any(a => a <= 0))
        {
            throw new DomainException("Error.AmountNotPositive");
        }

        _plan.RemoveAll(l => !invoicedLineIds.Contains(l.Id));
        var number = invoiced.Count;
        foreach (var (line, amount) in lines.Zip(amounts).OrderBy(x => x.First.DueDate))
        {
            _plan.Add(new PaymentPlanLine(++number, line.DueDate, amount, line.Percent));
        }

        Version++;
    }

    public void Attach(ContractAttachment attachment)
    {
        AttachmentName = Text.Truncate(attachment.FileName, 200);
        AttachmentContentType = attachment.ContentType;
        AttachmentSize = attachment.Size;
        AttachmentKey = attachment.StorageKey;
        AttachmentUploadedAtUtc = attachment.UploadedAtUtc;
        Version++;
    }
}

/// <summary>One instalment of a payment plan: due on a date; issued as one invoice (which names it); collected by that invoice's payments.</summary>
public sealed class PaymentPlanLine
{
    private PaymentPlanLine()
    {
    }

    internal PaymentPlanLine(int number, DateOnly dueDate, decimal amount, decimal? percent)
    {
        Number = number;
        DueDate = dueDate;
        Amount = amount;
        Percent = percent;
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    public int Number { get; private set; }

    public DateOnly DueDate { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The share of the contract it was entered as, if it was.</summary>
    public decimal? Percent { get; private set; }
}
