using LtcHub.Domain.Common;

namespace LtcHub.Domain.Pipeline;

/// <summary>A priced offer sent to the customer for a deal. Its existence opens the Proposal stage.</summary>
public sealed class Quote
{
    private Quote()
    {
    }

    public Quote(int dealId, string number, decimal amount, string currency, DateTime createdAtUtc, string createdById)
    {
        DealId = dealId;
        Number = Text.Required(number, 32, "Field.QuoteNumber");
        Amount = Money.ValidAmount(amount);
        Currency = Money.ValidCurrency(currency);
        CreatedAtUtc = createdAtUtc;
        CreatedById = createdById;
    }

    public int Id { get; private set; }

    public int DealId { get; private set; }

    public string Number { get; private set; } = "";

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedById { get; private set; } = "";
}
