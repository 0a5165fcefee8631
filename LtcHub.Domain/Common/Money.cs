namespace LtcHub.Domain.Common;

/// <summary>Rules for amounts of money: decimal, positive, bounded, with an ISO 4217 code.</summary>
public static class Money
{
    public const string DefaultCurrency = "CNY";

    /// <summary>The largest amount a deal or invoice may carry (one trillion).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static decimal ValidAmount(decimal amount)
    {
        if (amount <= 0)
        {
            throw new DomainException("Error.AmountNotPositive");
        }

        if (amount > MaxAmount)
        {
            throw new DomainException("Error.AmountTooLarge", MaxAmount);
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new DomainException("Error.AmountTooPrecise");
        }

        return amount;
    }

    public static string ValidCurrency(string? currency)
    {
        var code = (currency ?? "").Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException("Error.CurrencyInvalid", currency ?? "");
        }

        return code;
    }
}
