using System.Globalization;
using System.Text;
using CsvHelper;
using LtcHub.Domain.Common;
using MiniExcelLibs;

namespace LtcHub.Infrastructure.Imports;

/// <summary>A file's rows as text cells, the header row apart, and how it was read.</summary>
public sealed record ImportTable(string Encoding, string? Delimiter, IReadOnlyList<string> Headers, IEnumerable<string?[]> Rows);

/// <summary>
/// Reads an uploaded spreadsheet: <c>.xlsx</c> (first sheet; dates and numbers as Excel stored them) or CSV. CSV bytes are
/// decoded by their byte-order mark, else as strict UTF-8, else as GB18030 (what Chinese Excel writes), or as the
/// encoding the person chose — strictly: bytes that do not decode are refused, never turned into mojibake or "?".
/// The delimiter (comma, semicolon, tab, bar) is detected. Rows stream, so a 50,000-row file is never held as cells.
/// </summary>
public static class ImportFile
{
    public const string Xlsx = "xlsx";
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";
    public const string Utf16 = "utf-16";
    public const long MaxSize = 30 * 1024 * 1024;

    public static readonly IReadOnlyList<string> Encodings = [Utf8, Gb18030, Utf16];

    static ImportFile() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsWorkbook(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="DomainException">Not a CSV or .xlsx, or text that does not decode (as the chosen encoding, or as any of ours).</exception>
    public static ImportTable Open(string path, string fileName, string? encoding)
    {
        if (IsWorkbook(fileName))
        {
            return Workbook(path);
        }

        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("Error.ImportFileType");
        }

        var (text, used) = Decode(File.ReadAllBytes(path), encoding);
        var headers = Records(text).FirstOrDefault() ?? throw new DomainException("Error.ImportEmpty");
        using var probe = CsvReader.FromText(text, Options);
        var separator = probe.Separator;
        return new ImportTable(used, separator == '\t' ? "\\t" : separator.ToString(), headers.Select(h => h ?? "").ToList(), Records(text).Skip(1));
    }

    /// <summary>No header row (the header is read as the first record), the separator detected among , ; tab and |.</summary>
    private static readonly CsvReaderOptions Options = new() { HasHeader = false };

    /// <summary>The text and the encoding that decoded it; strict throughout.</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes, string? chosen)
    {
        if (chosen is not null)
        {
            return (Strict(bytes, chosen) ?? throw new DomainException("Error.ImportEncodingChosen", chosen), chosen);
        }

        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return (Strict(bytes[3..], Utf8) ?? throw new DomainException("Error.ImportEncoding"), Utf8);
        }

        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return (Strict(bytes[2..], Utf16) ?? throw new DomainException("Error.ImportEncoding"), Utf16);
        }

        foreach (var candidate in new[] { Utf8, Gb18030 })
        {
            if (Strict(bytes, candidate) is { } text)
            {
                return (text, candidate);
            }
        }

        throw new DomainException("Error.ImportEncoding");
    }

    private static string? Strict(byte[] bytes, string name)
    {
        var encoding = System.Text.Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            var text = encoding.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static IEnumerable<string?[]> Records(string text)
    {
        using var csv = CsvReader.FromText(text, Options);
        while (csv.Read())
        {
            var record = new string?[csv.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i);
            }

            if (record.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                yield return record;
            }
        }
    }

    private static ImportTable Workbook(string path)
    {
        IReadOnlyList<string> headers;
        using (var stream = File.OpenRead(path))
        {
            headers = (Cells(stream).FirstOrDefault() ?? throw new DomainException("Error.ImportEmpty")).Select(h => h ?? "").ToList();
        }

        return new ImportTable(Xlsx, null, headers, WorkbookRows(path));
    }

    private static IEnumerable<string?[]> WorkbookRows(string path)
    {
        using var stream = File.OpenRead(path);
        foreach (var row in Cells(stream).Skip(1))
        {
            if (row.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<string?[]> Cells(Stream stream)
    {
        IEnumerable<dynamic> rows;
        try
        {
            rows = stream.Query(useHeaderRow: false);
        }
        catch (Exception e) when (e is not DomainException)
        {
            throw new DomainException("Error.ImportFileType");
        }

        foreach (IDictionary<string, object?> row in rows)
        {
            yield return [.. row.Values.Select(Cell)];
        }
    }

    /// <summary>A workbook cell as text: dates as ISO days, numbers in invariant notation (a date column may hold Excel serials).</summary>
    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
