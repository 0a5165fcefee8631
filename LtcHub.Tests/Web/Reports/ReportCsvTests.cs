using System.Net;
using System.Text;
using LtcHub.Infrastructure.Identity;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Web.Reports;

/// <summary>/reports/&lt;name&gt;.csv through the real app: the page's query string, the reader's language, bad values refused, audited.</summary>
public class ReportCsvTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private const string Year = "from=2026-01-01&to=2026-12-31";

    [Fact]
    public async Task TheCsv_HasTheReportsSectionsWithHeadersInTheReadersLanguage_AndIsAudited()
    {
        var english = await app.SignedInAsync("admin@ltchub.local", "en-US");
        var chinese = await app.SignedInAsync("admin@ltchub.local", "zh-CN");

        var en = await english.GetAsync($"/reports/win-rate.csv?{Year}");
        var zh = await chinese.GetAsync($"/reports/win-rate.csv?{Year}");

        Assert.Equal(HttpStatusCode.OK, en.StatusCode);
        Assert.Equal("text/csv", en.Content.Headers.ContentType?.MediaType);
        var enText = Encoding.UTF8.GetString(await en.Content.ReadAsByteArrayAsync());
        var zhText = Encoding.UTF8.GetString(await zh.Content.ReadAsByteArrayAsync());
        Assert.Contains("Owner,Owner,Won,Lost,Win rate", enText);
        Assert.Contains("负责人,负责人,赢单,输单,赢单率", zhText);
        Assert.Contains("Cycle time,Lead to won (created → won)", enText);

        await using var db = app.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Field == SecurityAudit.Fields.Exported && a.NewValue!.StartsWith("reports/win-rate.csv?" + Year)));
    }

    [Theory]
    [InlineData("/reports/funnel.csv?from=2026-02-30", HttpStatusCode.BadRequest, "“from”")]
    [InlineData("/reports/ar-aging.csv?buckets=90,30", HttpStatusCode.BadRequest, "Aging buckets")]
    [InlineData("/reports/funnel.csv?source=Radio", HttpStatusCode.BadRequest, "“source”")]
    [InlineData("/reports/nothing.csv", HttpStatusCode.NotFound, "")]
    public async Task ABadValue_IsRefusedWithAClearMessage_AnUnknownReportIsNotFound(string url, HttpStatusCode status, string says)
    {
        var client = await app.SignedInAsync("admin@ltchub.local", "en-US");

        var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignedOut_GetsNoFigures()
    {
        var response = await app.CreateAnonymous().GetAsync($"/reports/funnel.csv?{Year}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Lead", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheReportsPage_RendersTheReportAndItsCsvLink_WithTheQueryString()
    {
        var client = await app.SignedInAsync("salesmgr1@ltchub.local", "en-US");

        var html = await client.GetStringAsync($"/reports/ar-aging?{Year}&by=owner");

        Assert.Contains("data-report=\"ar-aging\"", html);
        Assert.Contains("/reports/ar-aging.csv?from=2026-01-01&amp;to=2026-12-31&amp;by=owner", html);
        Assert.Contains("Days sales outstanding", html);
    }
}
