using LtcHub.Domain.Contracts;

namespace LtcHub.Infrastructure.Contracts;

/// <summary>What the contract dialog submits: the signed terms and the payment plan.</summary>
public sealed record ContractDraft(DateOnly SignedDate, decimal Amount, DateOnly StartDate, DateOnly? EndDate, int? QuoteId, IReadOnlyList<PlanLineInput> Plan);

public enum PlanLineState
{
    Planned,
    Invoiced,
    PartlyPaid,
    Paid,
    Overdue,
}

public sealed record PlanLineView(
    int Id, int Number, DateOnly DueDate, decimal Amount, decimal? Percent, int? InvoiceId, string? InvoiceNumber, decimal Collected, PlanLineState State)
{
    public decimal Outstanding => Amount - Collected;
}

/// <summary>A contract with its plan and how much of it has been collected.</summary>
public sealed record ContractView(
    int Id, int DealId, string DealName, string AccountName, string OwnerName, string Number, DateOnly SignedDate, decimal Amount, string Currency,
    DateOnly StartDate, DateOnly? EndDate, int? QuoteId, string? QuoteTitle, ContractAttachment? Attachment, IReadOnlyList<PlanLineView> Plan,
    long Version)
{
    public decimal Collected => Plan.Sum(l => l.Collected);

    /// <summary>Collected ÷ contract amount, 0 to 1.</summary>
    public decimal CollectedShare => Amount == 0 ? 0 : Math.Min(1m, Collected / Amount);

    public int PaidLines => Plan.Count(l => l.State == PlanLineState.Paid);

    public PlanLineView? NextDue => Plan.Where(l => l.State != PlanLineState.Paid).OrderBy(l => l.DueDate).FirstOrDefault();

    public bool FullyCollected => Plan.Count > 0 && Plan.All(l => l.State == PlanLineState.Paid);

    /// <summary>The reader may attach the signed scan (the deal's owner and manager, Finance, Admin).</summary>
    public bool CanAttach { get; init; }

    /// <summary>The reader may change the plan and issue its invoices (Finance, Admin).</summary>
    public bool CanBill { get; init; }
}

/// <summary>A plan's progress as a card shows it: 2 / 4 instalments, 45 % collected.</summary>
public sealed record PlanProgress(int PaidLines, int Lines, decimal CollectedShare);
