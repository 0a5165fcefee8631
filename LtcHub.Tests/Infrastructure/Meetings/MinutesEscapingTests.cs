using LtcHub.Domain.Meetings;
using LtcHub.Infrastructure.Common;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Pipeline;
using Markdig;

namespace LtcHub.Tests.Infrastructure.Meetings;

/// <summary>What people type goes into the Markdown minutes as text: no viewer may render it as HTML, a link, an image or formatting.</summary>
public class MinutesEscapingTests
{
    private const string Hostile =
        "<script>alert(1)</script> [click](http://evil.example) ![pic](http://evil.example/x.png) https://evil.example/a " +
        "www.evil.example **bold** _it_ `code` a@evil.example <img src=x onerror=alert(2)> &lt;b&gt; | x | ~~gone~~ mailto:a@b.c";

    private static readonly MarkdownPipeline Viewer = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static string RenderedMinutes()
    {
        var now = new DateTime(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
        var meeting = new MeetingSummary(1, "Weekly " + Hostile, now, MeetingStatus.Ended, "en-US", false, Guid.NewGuid(), now, now.AddHours(1),
            "u1", null, 3, [1]);
        var card = new DealCard(7, "Deal " + Hostile, 1, "Account <b>x</b>", null, 1m, "CNY", "u1", "Owner [x](http://evil.example)", 1,
            "won", now, null, null, null, null, 1);
        var person = new Person("u1", "Name <i>x</i>");
        var markdown = MinutesWriter.Write(meeting, person, [person], [new AgendaLine(1, card, AgendaReason.Added, 0)],
            [new EntryLine(1, 7, MeetingEntryKind.Note, "Note\n" + Hostile, "Author *x*", now), new EntryLine(2, 7, MeetingEntryKind.Decision, Hostile, "A", now)],
            [new ActionLine(1, 1, "m", 7, "Deal", "Action " + Hostile, "u1", "Owner", new DateOnly(2026, 12, 1), null, "A")],
            [new DealChange(7, "Deal " + Hostile, "lead", "won", "Mover <u>x</u>", now)], key => key);
        return Markdown.ToHtml(markdown, Viewer);
    }

    [Fact]
    public void UserText_IsNeverRenderedAsHtmlLinksImagesOrFormatting()
    {
        var html = RenderedMinutes();

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<i>", html);
        Assert.DoesNotContain("<u>", html);
        Assert.DoesNotContain("<em>", html);
        Assert.DoesNotContain("<code>", html);
        Assert.DoesNotContain("<del>", html);
        Assert.DoesNotContain("<table", html);

        // …but the minutes' own structure is still Markdown: headings, the deal in bold, lists.
        Assert.Contains("<h1", html);
        Assert.Contains("<strong>Deal ", html);
        Assert.Contains("<li>", html);
    }

    [Fact]
    public void UserText_IsStillReadable_AsTheCharactersTyped()
    {
        var html = RenderedMinutes();

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("[click](http://evil.example)", html);
        Assert.Contains("**bold**", html);
        Assert.Contains("a@evil.example", html);
    }

    [Theory]
    [InlineData("plain 文本 2026-11-27, ok.", "plain 文本 2026-11-27, ok.")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("<b>", "\\<b\\>")]
    [InlineData("see https://x.example", "see https\\://x.example")]
    [InlineData("www.x.example", "www\\.x.example")]
    public void Escape_LeavesOrdinaryTextAlone_AndEscapesWhatMarkdownWouldInterpret(string typed, string written) =>
        Assert.Equal(written, MarkdownText.Escape(typed));
}
