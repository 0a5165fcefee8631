using System.Globalization;

namespace LtcHub.Web.Localization;

/// <summary>Amounts as people read them: the currency's symbol in the user's culture's number style.</summary>
public static class MoneyFormat
{
    public static string Format(decimal amount, string currency, CultureInfo culture, int decimals = 2)
    {
        var numbers = (NumberFormatInfo)culture.NumberFormat.Clone();
        numbers.CurrencySymbol = Symbol(currency, culture);
        numbers.CurrencyDecimalDigits = decimals;
        return amount.ToString("C", numbers);
    }

    /// <summary>Short form for column headers: ¥1.2M / ¥120万.</summary>
    public static string Compact(decimal amount, string currency, CultureInfo culture)
    {
        var symbol = Symbol(currency, culture);
        if (culture.TwoLetterISOLanguageName == "zh")
        {
            return amount >= 100_000_000m ? $"{symbol}{(amount / 100_000_000m).ToString("0.##", culture)}亿"
                : amount >= 10_000m ? $"{symbol}{(amount / 10_000m).ToString("0.#", culture)}万"
                : Format(amount, currency, culture, 0);
        }

        return amount >= 1_000_000_000m ? $"{symbol}{(amount / 1_000_000_000m).ToString("0.##", culture)}B"
            : amount >= 1_000_000m ? $"{symbol}{(amount / 1_000_000m).ToString("0.##", culture)}M"
            : amount >= 10_000m ? $"{symbol}{(amount / 1_000m).ToString("0.#", culture)}K"
            : Format(amount, currency, culture, 0);
    }

    private static string Symbol(string currency, CultureInfo culture) => currency switch
    {
        "CNY" => culture.TwoLetterISOLanguageName == "zh" ? "¥" : "CN¥",
        "USD" => "US$",
        "EUR" => "€",
        "HKD" => "HK$",
        "JPY" => "JP¥",
        _ => currency + " ",
    };
}
