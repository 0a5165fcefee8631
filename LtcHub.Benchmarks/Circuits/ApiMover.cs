using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Benchmarks.Circuits;

/// <summary>
/// Moves one probe deal between Lead and Negotiation through the app's REST API as Admin — the same
/// <c>PipelineService.MoveAsync</c>, transaction and board event a move on the board goes through.
/// </summary>
internal sealed class ApiMover : IDisposable
{
    public const string ProbeName = "负载探针 Load probe";

    private readonly HttpClient _http;
    private readonly int _dealId;
    private long _version;
    private string _stage = StageKeys.Lead;

    private ApiMover(HttpClient http, int dealId, long version)
    {
        _http = http;
        _dealId = dealId;
        _version = version;
    }

    /// <summary>An API token for Admin (written as the profile page would), and the probe deal, owned by a rep, largest on the board.</summary>
    public static async Task<ApiMover> CreateAsync(AppProcess app)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:LtcHub"] = $"Data Source={app.DatabasePath}",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddInfrastructure(configuration, Path.GetDirectoryName(app.DatabasePath)!).BuildServiceProvider();
        string adminId, ownerId;
        int accountId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<LtcHubDbContext>>().CreateDbContextAsync())
        {
            adminId = await db.Users.Where(u => u.Email == "admin@ltchub.local").Select(u => u.Id).SingleAsync();
            ownerId = await db.Users.Where(u => u.Email == "sales1@ltchub.local").Select(u => u.Id).SingleAsync();
            accountId = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        }

        var admin = new Actor(adminId, "Admin", new HashSet<string> { Roles.Admin }, null, new HashSet<int>());
        var token = await services.GetRequiredService<ApiTokenService>()
            .CreateAsync(admin, "circuit harness", ApiScope.ReadWrite, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)));
        var http = new HttpClient { BaseAddress = app.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        var created = await http.PostAsJsonAsync("api/v1/deals", new
        {
            name = ProbeName, accountId, amount = 99_999_999m, currency = "CNY", expectedCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), ownerId,
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<ProbeDeal>())!.Id;
        return new ApiMover(http, id, VersionOf(created));
    }

    /// <summary>One move to the other stage; returns how long the API took to answer.</summary>
    public async Task<double> MoveAsync()
    {
        var target = _stage == StageKeys.Lead ? StageKeys.Negotiation : StageKeys.Lead;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/deals/{_dealId}/move") { Content = JsonContent.Create(new { stage = target }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{_version}\""));
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Move to {target} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        (_stage, _version) = (target, VersionOf(response));
        return elapsed;
    }

    private static long VersionOf(HttpResponseMessage response) =>
        long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();

    private sealed record ProbeDeal(int Id);
}
