using System.Globalization;
using System.Text.RegularExpressions;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;

namespace LtcHub.Infrastructure.Imports;

/// <summary>How the day and month of a date like 01/02/2026 are ordered in this file (year-first dates and Excel serials read the same in all).</summary>
public static class ImportDateOrder
{
    public const string YearMonthDay = "ymd";
    public const string DayMonthYear = "dmy";
    public const string MonthDayYear = "mdy";

    public static readonly IReadOnlyList<string> All = [YearMonthDay, DayMonthYear, MonthDayYear];
}

/// <summary>
/// One row of the file as its fields: text trimmed, numbers and dates read strictly. A value that does not read is
/// refused with the field and the value (never taken as empty); a date whose day and month could be swapped is noted.
/// </summary>
public sealed partial class ImportRow(int number, string?[] cells, IReadOnlyDictionary<string, int> map, string dateOrder)
{
    /// <summary>The row's number as a spreadsheet shows it (the header is row 1).</summary>
    public int Number { get; } = number;

    public string?[] Cells { get; } = cells;

    /// <summary>Dates in this row whose day and month could be read either way (01/02/2026).</summary>
    public List<string> Ambiguous { get; } = [];

    public string? Text(string field) =>
        map.TryGetValue(field, out var i) && i < Cells.Length && Cells[i]?.Trim() is { Length: > 0 } text ? text : null;

    public decimal? Decimal(string field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        var plain = MoneyNoise().Replace(text, "");
        return decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainException("Error.ImportNumber", "Import.Field." + field, text);
    }

    /// <summary>A tax rate as a percent: "13%", "13" and "0.13" are all 13.</summary>
    public decimal? Percent(string field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        var marked = text.EndsWith('%');
        if (!decimal.TryParse(marked ? text[..^1].Trim() : text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            throw new DomainException("Error.ImportNumber", "Import.Field." + field, text);
        }

        return !marked && value is > 0 and < 1 ? value * 100 : value;
    }

    public DateOnly? Date(string field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        var (date, ambiguous) = ReadDate(text, dateOrder) ?? throw new DomainException("Error.ImportDate", "Import.Field." + field, text);
        if (ambiguous)
        {
            Ambiguous.Add(text);
        }

        return date;
    }

    public T? Choice<T>(string field, IReadOnlyDictionary<string, T> names) where T : struct =>
        Text(field) is not { } text ? null
        : names.TryGetValue(ImportFields.Normalize(text), out var value) ? value
        : throw new DomainException("Error.ImportChoice", "Import.Field." + field, text);

    /// <summary>A date, and whether its day and month could be swapped. Null: not a date.</summary>
    public static (DateOnly Date, bool Ambiguous)? ReadDate(string text, string dateOrder)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            // An Excel serial day (1900 date system): 45658 is 2025-01-01.
            return serial is >= 20_000 and <= 80_000 ? (DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial))), false) : null;
        }

        var chinese = ChineseDate().Match(text);
        if (chinese.Success)
        {
            return Make(chinese.Groups[1].Value, chinese.Groups[2].Value, chinese.Groups[3].Value, false);
        }

        var parts = DateParts().Match(text);
        if (!parts.Success)
        {
            return null;
        }

        var (a, b, c) = (parts.Groups[1].Value, parts.Groups[2].Value, parts.Groups[3].Value);
        if (a.Length == 4)
        {
            return Make(a, b, c, false);
        }

        if (c.Length != 4)
        {
            return null; // a two-digit year: which century is a guess
        }

        var swappable = int.Parse(a, CultureInfo.InvariantCulture) <= 12 && int.Parse(b, CultureInfo.InvariantCulture) <= 12 && a != b;
        return dateOrder switch
        {
            ImportDateOrder.DayMonthYear => Make(c, b, a, swappable),
            ImportDateOrder.MonthDayYear => Make(c, a, b, swappable),
            _ => null, // year first was chosen, and this is not
        };
    }

    private static (DateOnly, bool)? Make(string year, string month, string day, bool ambiguous) =>
        int.TryParse(year, CultureInfo.InvariantCulture, out var y) && int.TryParse(month, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(day, CultureInfo.InvariantCulture, out var d) && m is >= 1 and <= 12 && d >= 1 && y is >= 1900 and <= 2200
        && d <= DateTime.DaysInMonth(y, m)
            ? (new DateOnly(y, m, d), ambiguous)
            : null;

    [GeneratedRegex(@"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DateParts();

    [GeneratedRegex(@"[\s,¥￥$€]|元$|^(?:RMB|CNY)", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyNoise();
}

/// <summary>The words a file may use for a choice, in Chinese and English, normalized like headers.</summary>
public static class ImportChoices
{
    public static readonly IReadOnlyDictionary<string, LeadSource> Sources = Names<LeadSource>(new()
    {
        [LeadSource.Referral] = ["转介绍", "介绍", "推荐", "Referral"],
        [LeadSource.Web] = ["网站", "官网", "网络", "Web", "Website", "Online"],
        [LeadSource.Exhibition] = ["展会", "会展", "Exhibition", "Trade Show", "Event"],
        [LeadSource.Phone] = ["电话", "来电", "Phone", "Call"],
        [LeadSource.Partner] = ["合作伙伴", "渠道", "Partner", "Channel"],
        [LeadSource.Campaign] = ["市场活动", "活动", "Campaign"],
        [LeadSource.Other] = ["其他", "其它", "Other"],
    });

    public static readonly IReadOnlyDictionary<string, CustomerLevel> Levels = Names<CustomerLevel>(new()
    {
        [CustomerLevel.A] = ["A", "A级", "A类", "重点"],
        [CustomerLevel.B] = ["B", "B级", "B类", "普通"],
        [CustomerLevel.C] = ["C", "C级", "C类", "一般"],
    });

    public static readonly IReadOnlyDictionary<string, SizeBand> Sizes = Names<SizeBand>(new()
    {
        [SizeBand.Unknown] = ["未知", "Unknown"],
        [SizeBand.Small] = ["小型", "小", "Small"],
        [SizeBand.Medium] = ["中型", "中", "Medium"],
        [SizeBand.Large] = ["大型", "大", "Large"],
        [SizeBand.Enterprise] = ["集团", "特大型", "Enterprise"],
    });

    /// <summary>Currency words Chinese files use, to the ISO code.</summary>
    public static string? Currency(string? text) => text?.Trim() switch
    {
        null or "" => null,
        "人民币" or "RMB" or "rmb" or "元" or "¥" or "￥" => "CNY",
        "美元" or "$" => "USD",
        "欧元" or "€" => "EUR",
        "港币" or "港元" => "HKD",
        var code => code.ToUpperInvariant(),
    };

    private static Dictionary<string, T> Names<T>(Dictionary<T, string[]> words) where T : struct, Enum =>
        words.SelectMany(w => w.Value.Append(w.Key.ToString()).Select(n => (Key: ImportFields.Normalize(n), w.Key)))
            .DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.Item2);
}
