using System.Globalization;
using System.Text;
using LtcHub.Infrastructure.Common;
using LtcHub.Infrastructure.Reports;
using LtcHub.Web.Exports;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Reports;

/// <summary>A report's figures as text in one language: the CSV export (one table, a section column first) and the meeting's Markdown snapshot.</summary>
public static class ReportWriter
{
    public static Func<string, object[], string> Localize(IStringLocalizer localizer) => (key, args) => localizer[key, args].Value;

    public static string Text(ReportText text, IStringLocalizer localizer, CultureInfo culture) => ReportTexts.Resolve(text, Localize(localizer), culture);

    /// <summary>Every section under one header row: section, then each section's own columns (numbers as numbers, money with a currency column where the section has one).</summary>
    public static ExportTable Csv(ReportResult result, IStringLocalizer localizer, CultureInfo culture)
    {
        var width = result.Sections.Count == 0 ? 0 : result.Sections.Max(s => s.Columns.Count);
        var headers = new List<string> { localizer["Report.Col.Section"] };
        headers.AddRange(Enumerable.Range(1, width).Select(i => localizer["Report.Col.Column", i].Value));
        var rows = new List<object?[]>();
        foreach (var section in result.Sections)
        {
            var title = Text(section.Title, localizer, culture);
            var header = new object?[width + 1];
            header[0] = title;
            for (var c = 0; c < section.Columns.Count; c++)
            {
                header[c + 1] = Text(section.Columns[c].Title, localizer, culture);
            }

            rows.Add(header);
            foreach (var row in section.Rows)
            {
                var line = new object?[width + 1];
                line[0] = title;
                for (var c = 0; c < section.Columns.Count && c < row.Cells.Count; c++)
                {
                    var cell = row.Cells[c];
                    line[c + 1] = cell.Text is { } text ? Text(text, localizer, culture)
                        : cell.Value is { } value ? (section.Columns[c].Kind == CellKind.Percent ? Math.Round(value * 100, 2) : value)
                        : null;
                }

                rows.Add(line);
            }
        }

        return new ExportTable(headers, rows);
    }

    /// <summary>The figures as Markdown tables under the report's title and filter (names typed by people are escaped).</summary>
    public static string Markdown(ReportResult result, IStringLocalizer localizer, CultureInfo culture)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### {localizer[ReportNames.TitleKey(result.Name)]} ({result.Filter.From:yyyy-MM-dd} – {result.Filter.To:yyyy-MM-dd})");
        foreach (var section in result.Sections)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{MarkdownText.Escape(Text(section.Title, localizer, culture))}**").AppendLine();
            if (section.Rows.Count == 0)
            {
                md.AppendLine(localizer["Report.NoData"]);
                continue;
            }

            md.AppendLine("| " + string.Join(" | ", section.Columns.Select(c => Cell(Text(c.Title, localizer, culture)))) + " |");
            md.AppendLine("|" + string.Join("|", section.Columns.Select(c => c.Kind == CellKind.Text ? "---" : "---:")) + "|");
            foreach (var row in section.Rows.Take(30))
            {
                md.AppendLine("| " + string.Join(" | ", row.Cells.Select((cell, i) =>
                    Cell(ReportTexts.Format(cell, section.Columns[i].Kind, Localize(localizer), culture)))) + " |");
            }

            if (section.Rows.Count > 30)
            {
                md.AppendLine().AppendLine(localizer["Report.MoreRows", section.Rows.Count - 30]);
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => MarkdownText.Escape(text);
}
