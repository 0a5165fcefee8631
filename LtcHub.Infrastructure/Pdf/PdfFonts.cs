using Microsoft.Extensions.Configuration;
using PdfSharp.Fonts;

namespace LtcHub.Infrastructure.Pdf;

/// <summary>
/// The fonts PDFs are written with, embedded (subset) in every file so any reader shows Chinese: a Latin
/// face (DejaVu Sans) and a CJK face with TrueType outlines (Droid Sans Fallback — PDFsharp cannot embed
/// the CFF outlines of Noto CJK). Debian packages: fonts-dejavu-core, fonts-droid-fallback. Paths can be
/// set under <c>Pdf:LatinFont</c>, <c>Pdf:LatinBoldFont</c>, <c>Pdf:CjkFont</c>.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Latin = "ltchub-latin";
    public const string Cjk = "ltchub-cjk";

    private static readonly Lock Gate = new();
    private readonly Dictionary<string, string> _paths;
    private readonly Dictionary<string, byte[]> _loaded = [];

    public PdfFonts(IConfiguration configuration)
    {
        _paths = new Dictionary<string, string>
        {
            [Latin] = configuration["Pdf:LatinFont"] ?? "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            [Latin + "-bold"] = configuration["Pdf:LatinBoldFont"] ?? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            [Cjk] = configuration["Pdf:CjkFont"] ?? "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        };

        // PDFsharp keeps one resolver for the process; the first app to start sets it.
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= this;
        }
    }

    /// <summary>Whether every font file is where it should be (the health of PDF output).</summary>
    public IReadOnlyList<string> Missing => _paths.Values.Where(p => !File.Exists(p)).ToList();

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName == Latin && bold ? new FontResolverInfo(Latin + "-bold")
        : familyName == Cjk ? new FontResolverInfo(Cjk, mustSimulateBold: bold, mustSimulateItalic: false)
        : new FontResolverInfo(Latin);

    public byte[]? GetFont(string faceName)
    {
        lock (_loaded)
        {
            if (!_loaded.TryGetValue(faceName, out var bytes))
            {
                var path = _paths[faceName];
                bytes = File.Exists(path) ? File.ReadAllBytes(path) : throw new Domain.Common.DomainException("Error.PdfFontMissing", path);
                _loaded[faceName] = bytes;
            }

            return bytes;
        }
    }
}
