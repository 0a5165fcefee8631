using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Web.Diagnostics;

/// <summary>
/// /metrics in Prometheus' text format, read as Prometheus would (anonymously). Several apps share this test process and
/// its meters, so a figure is read before and after what should change it.
/// </summary>
[Collection(MetricsCollection.Name)]
public class MetricsTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task AMove_CountsOnce_AndItsDeliveryToTheSharedBoardIsTimed()
    {
        var client = app.CreateAnonymous();
        await app.Get<BoardStore>().CurrentAsync(); // the shared board follows the bus
        var admin = await app.ActorAsync("admin@ltchub.local");
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "指标 Metrics");
        var before = await ScrapeAsync(client);

        var moved = await app.Get<PipelineService>().MoveAsync(admin, deal.Id, deal.Version, StageKeys.Negotiation, StageEntryInput.Empty);
        Assert.True(moved.Succeeded, moved.Status.ToString());

        var after = await EventuallyAsync(client, m => Sum(m, "ltchub_events_fanout_duration_seconds_count", "channel=\"bus\"") > Sum(before, "ltchub_events_fanout_duration_seconds_count", "channel=\"bus\""));
        Assert.True(Sum(after, "ltchub_board_moves_total") >= Sum(before, "ltchub_board_moves_total") + 1, after);
        Assert.Matches(new Regex("^ltchub_events_fanout_duration_seconds_bucket\\{.*le=\"0.1\"", RegexOptions.Multiline), after);
        Assert.Contains("# TYPE ltchub_circuits_open gauge", after);
    }

    [Theory]
    [InlineData("outbox")]
    [InlineData("quotes-expire")] // the recurring job's id, not its method's name (ExpireQuotesAsync)
    public async Task AJobRun_IsTimedUnderItsName(string job)
    {
        var client = app.CreateAnonymous();
        var label = $"job=\"{job}\"";
        var before = Sum(await ScrapeAsync(client), "ltchub_jobs_duration_seconds_count", label);

        app.Get<IRecurringJobManager>().Trigger(job);

        var after = await EventuallyAsync(client, m => Sum(m, "ltchub_jobs_duration_seconds_count", label) > before);
        Assert.Equal(0, Sum(after, "ltchub_jobs_failures_total", label));
    }

    [Fact]
    public async Task Metrics_AreOperationalOnly_NoCustomerOrDealNames()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "机密客户 Secret customer");
        var text = await ScrapeAsync(app.CreateAnonymous());

        Assert.DoesNotContain(deal.Name, text);
        Assert.DoesNotContain("ltchub.local", text);
        Assert.Contains("http_server_request_duration_seconds", text); // ASP.NET Core's own meters come along
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> EventuallyAsync(HttpClient client, Func<string, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            var text = await ScrapeAsync(client);
            if (condition(text))
            {
                return text;
            }

            await Task.Delay(100);
        }

        Assert.Fail("/metrics did not change within 10 s");
        return "";
    }

    /// <summary>The sum of a metric's samples over every line whose labels hold <paramref name="label"/>.</summary>
    private static double Sum(string text, string metric, string label = "") =>
        text.Split('\n').Where(l => l.StartsWith(metric, StringComparison.Ordinal) && l.Length > metric.Length && l[metric.Length] is '{' or ' ')
            .Where(l => l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
}

/// <summary>
/// Meters are process-wide: while other apps of this test process start and stop around it, another app's meter provider
/// can take or drop the instruments this app's /metrics reads. These tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics, alone";
}
