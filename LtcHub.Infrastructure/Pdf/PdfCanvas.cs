using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LtcHub.Infrastructure.Pdf;

/// <summary>
/// Writes text on PDF pages (A4) the way mixed Chinese and Latin text needs: each run of CJK
/// characters in the CJK face, the rest in the Latin face, measured together. Starts a new page when
/// the current one is full.
/// </summary>
public sealed class PdfCanvas : IDisposable
{
    public const double Margin = 48;

    private readonly PdfDocument _document = new();
    private XGraphics _graphics = null!;

    public PdfCanvas(string title)
    {
        _document.Info.Title = title;
        _document.Info.Creator = "LtcHub";
        NewPage();
    }

    public double Y { get; set; }

    public double Width => _document.Pages[^1].Width.Point;

    public double Bottom => _document.Pages[^1].Height.Point - Margin;

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
    }

    /// <summary>Makes room for <paramref name="height"/> points, turning the page if needed.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public double Measure(string text, double size, bool bold = false) =>
        Runs(text).Sum(run => _graphics.MeasureString(run.Text, Font(run.Cjk, size, bold)).Width);

    /// <summary>Text whose left edge is at <paramref name="x"/> (or whose right edge, when <paramref name="right"/>) on the baseline at <see cref="Y"/> + size.</summary>
    public void Text(double x, string text, double size, bool bold = false, bool right = false, XColor? color = null)
    {
        var brush = new XSolidBrush(color ?? XColors.Black);
        var left = right ? x - Measure(text, size, bold) : x;
        foreach (var (run, cjk) in Runs(text))
        {
            var font = Font(cjk, size, bold);
            _graphics.DrawString(run, font, brush, left, Y + size);
            left += _graphics.MeasureString(run, font).Width;
        }
    }

    /// <summary>Text wrapped to <paramref name="width"/>; returns how many lines it took.</summary>
    public int Wrapped(double x, string text, double size, double width, double lineHeight)
    {
        var lines = Wrap(text, size, width);
        for (var i = 0; i < lines.Count; i++)
        {
            Text(x, lines[i], size);
            if (i < lines.Count - 1)
            {
                Y += lineHeight;
            }
        }

        return lines.Count;
    }

    public IReadOnlyList<string> Wrap(string text, double size, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var c in paragraph)
            {
                if (line.Length > 0 && Measure(line + c, size) > width)
                {
                    var space = line.LastIndexOf(' ');
                    if (space > 0 && !IsCjk(c))
                    {
                        lines.Add(line[..space]);
                        line = line[(space + 1)..];
                    }
                    else
                    {
                        lines.Add(line);
                        line = "";
                    }
                }

                line += c;
            }

            lines.Add(line);
        }

        return lines;
    }

    public void Line(double x1, double x2, double width = 0.5) => _graphics.DrawLine(new XPen(XColors.Gray, width), x1, Y, x2, Y);

    public void Fill(double x, double width, double height, XColor color) =>
        _graphics.DrawRectangle(new XSolidBrush(color), x, Y, width, height);

    public byte[] ToBytes()
    {
        _graphics.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private static XFont Font(bool cjk, double size, bool bold) =>
        new(cjk ? PdfFonts.Cjk : PdfFonts.Latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
            new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>CJK ideographs, kana, hangul, CJK punctuation and full-width forms.</summary>
    private static bool IsCjk(char c) => c >= '\u2E80' && c <= '\u9FFF' || c >= '\uAC00' && c <= '\uD7AF' || c >= '\uF900' && c <= '\uFAFF'
        || c >= '\uFE30' && c <= '\uFE4F' || c >= '\uFF00' && c <= '\uFFEF';

    private static IEnumerable<(string Text, bool Cjk)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
            {
                if (i > start)
                {
                    yield return (text[start..i], IsCjk(text[start]));
                }

                start = i;
            }
        }
    }
}
