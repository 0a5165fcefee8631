using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace LtcHub.Web.Exports;

/// <summary>A list as it is exported: headers in the person's language, one row of cells per item.</summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Writes a table as CSV (UTF-8 with a byte-order mark, so Excel opens Chinese correctly) or as .xlsx. Text that a
/// spreadsheet would take for a formula (starting with =, +, -, @, a tab or a carriage return) is neutralized with a
/// leading apostrophe; numbers stay numbers, dates are ISO (yyyy-MM-dd), whatever the reader's locale.
/// </summary>
public static class ExportWriter
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(ExportTable table)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord([.. table.Headers.Select(Neutral)]);
            foreach (var row in table.Rows)
            {
                csv.WriteRecord([.. row.Select(Cell)]);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(ExportTable table)
    {
        var rows = table.Rows.Select(row =>
        {
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < table.Headers.Count; i++)
            {
                // Two columns may share a header in one language; the sheet needs distinct keys.
                var key = line.ContainsKey(table.Headers[i]) ? $"{table.Headers[i]} ({i + 1})" : table.Headers[i];
                line[key] = row[i] is string text ? Neutral(text) : row[i] is DateOnly day ? Day(day) : row[i];
            }

            return line;
        }).ToList();
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows, printHeader: true);
        return buffer.ToArray();
    }

    /// <summary>A cell as CSV text: numbers in invariant notation, dates as ISO days, text neutralized.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string text => Neutral(text),
        DateOnly day => Day(day),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Neutral(value.ToString() ?? ""),
    };

    /// <summary>Text a spreadsheet would run as a formula is kept as text (OWASP's CSV injection advice).</summary>
    public static string Neutral(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
