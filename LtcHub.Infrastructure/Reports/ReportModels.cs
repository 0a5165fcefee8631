using System.Globalization;

namespace LtcHub.Infrastructure.Reports;

/// <summary>A label in both languages, or a resource key the reader's language resolves (a computation is shared by readers of either).</summary>
public sealed record ReportText(string? Key, string Zh = "", string En = "", IReadOnlyList<object>? Args = null)
{
    public static ReportText Of(string key, params object[] args) => new(key, Args: args);

    public static ReportText Raw(string text) => new(null, text, text);

    public static ReportText Both(string zh, string en) => new(null, zh, en);
}

public enum CellKind
{
    Text,
    Count,
    Money,
    Percent,
    Days,
}

public sealed record ReportColumn(ReportText Title, CellKind Kind);

/// <summary>One figure: its value (null: not defined, shown as "—"), the currency of a money figure, and the deals behind it.</summary>
public sealed record ReportCell(ReportText? Text = null, decimal? Value = null, string? Currency = null, IReadOnlyList<int>? Deals = null)
{
    public static ReportCell Label(ReportText text) => new(Text: text);

    public static ReportCell Number(decimal? value, IReadOnlyList<int>? deals = null) => new(Value: value, Deals: deals);

    public static ReportCell Money(decimal value, string currency, IReadOnlyList<int>? deals = null) => new(Value: value, Currency: currency, Deals: deals);

    public static readonly ReportCell Empty = new();
}

/// <summary>A row; <see cref="Mark"/> highlights it (the weakest step, a red light) with its reason.</summary>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells, RowMark Mark = RowMark.None);

public enum RowMark
{
    None,
    Weakest,
    Green,
    Amber,
    Red,
}

public enum ChartKind
{
    Bar,
    Line,
}

public sealed record ChartSeries(ReportText Name, IReadOnlyList<double> Values);

/// <summary>The chart beside a table: its labels and series (the table holds the exact numbers).</summary>
public sealed record ReportChart(ChartKind Kind, IReadOnlyList<ReportText> Labels, IReadOnlyList<ChartSeries> Series);

public sealed record ReportSection(string Id, ReportText Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows, ReportChart? Chart = null)
{
    public bool IsEmpty => Rows.Count == 0;
}

/// <summary>A report as computed for one filter and one visibility: shared by everyone viewing it.</summary>
public sealed record ReportResult(string Name, ReportFilter Filter, DateTime ComputedAtUtc, IReadOnlyList<ReportSection> Sections, TimeSpan Took);

/// <summary>Resolves a <see cref="ReportText"/> in the reader's language.</summary>
public static class ReportTexts
{
    public static string Resolve(ReportText text, Func<string, object[], string> localize, CultureInfo culture) =>
        text.Key is { } key
            ? localize(key, text.Args?.Select(a => a is ReportText inner ? Resolve(inner, localize, culture) : a).ToArray() ?? [])
            : culture.TwoLetterISOLanguageName == "zh" ? text.Zh : text.En;

    /// <summary>A cell as text (tables, CSV, minutes): counts whole, money with its currency, percents with one decimal, days with one.</summary>
    public static string Format(ReportCell cell, CellKind kind, Func<string, object[], string> localize, CultureInfo culture, bool withCurrency = true)
    {
        if (cell.Text is { } text)
        {
            return Resolve(text, localize, culture);
        }

        if (cell.Value is not { } value)
        {
            return cell.Currency is null && kind == CellKind.Text ? "" : "—";
        }

        return kind switch
        {
            CellKind.Money => withCurrency && cell.Currency is { Length: > 0 } c ? $"{c} {value.ToString("N2", culture)}" : value.ToString("N2", culture),
            CellKind.Percent => (value * 100).ToString("0.0", culture) + "%",
            CellKind.Days => value.ToString("0.0", culture),
            _ => value.ToString("N0", culture),
        };
    }
}
