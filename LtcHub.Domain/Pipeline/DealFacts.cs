namespace LtcHub.Domain.Pipeline;

/// <summary>
/// Facts about a deal that live outside the deal itself (its quotes, invoices and payments),
/// read by the service and handed to <see cref="Deal.MoveTo"/>.
/// </summary>
public sealed record DealFacts(bool HasQuote, bool HasInvoice, bool FullyPaid, bool HasContract = false)
{
    public static DealFacts None { get; } = new(false, false, false);
}
