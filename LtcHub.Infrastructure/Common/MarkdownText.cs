using System.Text;
using System.Text.RegularExpressions;

namespace LtcHub.Infrastructure.Common;

/// <summary>
/// Text people typed, made safe to put into a Markdown document: Markdown viewers must show it as
/// text, never render it as HTML, an image, a link or formatting. Every character that Markdown
/// (CommonMark and GitHub's extensions) gives a meaning is backslash-escaped, and the starts of bare
/// links (http://, www., mailto:) are broken so no viewer turns them into links. Line breaks become spaces.
/// </summary>
public static partial class MarkdownText
{
    private const string Special = "\\`*_{}[]()<>#+!|~@&";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var oneLine = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(oneLine.Length + 16);
        foreach (var c in oneLine)
        {
            if (Special.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        // "http://x", "www.x", "mailto:x": escape the character that makes a bare link of them.
        return LinkStart().Replace(escaped.ToString(), m => m.Groups[1].Value + "\\" + m.Groups[2].Value);
    }

    [GeneratedRegex(@"(?i)\b((?:https?|ftp|file|mailto|tel|javascript|data|www))([:.])")]
    private static partial Regex LinkStart();
}
