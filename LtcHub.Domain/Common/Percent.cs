namespace LtcHub.Domain.Common;

/// <summary>Percentages people type (discounts, tax rates, plan shares): 0 to 100, two decimals at most.</summary>
public static class Percent
{
    public static decimal Valid(decimal value, string field)
    {
        if (value < 0 || value > 100 || decimal.Round(value, 2) != value)
        {
            throw new DomainException("Error.PercentRange", field);
        }

        return value;
    }
}
