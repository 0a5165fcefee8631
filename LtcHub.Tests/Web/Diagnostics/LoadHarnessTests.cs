using System.Net;
using System.Net.Http.Json;
using LtcHub.Tests.Support;
using LtcHub.Web.Diagnostics;
using Microsoft.AspNetCore.Hosting;

namespace LtcHub.Tests.Web.Diagnostics;

/// <summary>The load harness's endpoints exist only when asked for, in Development (not even Admin finds them otherwise).</summary>
public class LoadHarnessTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Theory]
    [InlineData("GET", "/diagnostics/heap")]
    [InlineData("POST", "/diagnostics/trivial-board/move")]
    [InlineData("GET", "/diagnostics/trivial-board")]
    public async Task WithoutTheSetting_TheHarnessEndpointsAreNotThere(string method, string path)
    {
        var admin = await app.SignedInAsync("admin@ltchub.local");
        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        // Nothing answers there: the POST meets only the pages' endpoint, which takes forms, not this.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Null(app.Services.GetService(typeof(TrivialBoardState)));
    }

    [Fact]
    public async Task WithTheSetting_TheTrivialBoardShowsItsCards_MovesItsProbe_AndTheHeapIsReported()
    {
        await using var harnessed = new HarnessedApp();
        var client = harnessed.CreateAnonymous();

        var page = await client.GetStringAsync(LoadHarness.BoardPath);
        Assert.Contains(TrivialBoardState.ProbeName, page);
        Assert.Contains("Card 199", page);

        var first = await client.PostAsync(LoadHarness.BoardPath + "/move", null);
        var second = await client.PostAsync(LoadHarness.BoardPath + "/move", null);
        Assert.Equal(3, (await first.Content.ReadFromJsonAsync<Moved>())!.Column);
        Assert.Equal(0, (await second.Content.ReadFromJsonAsync<Moved>())!.Column);

        var heap = await client.GetFromJsonAsync<Heap>("/diagnostics/heap");
        Assert.True(heap!.HeapBytes > 1_000_000 && heap.WorkingSetBytes > heap.HeapBytes);
    }

    private sealed record Moved(int Column);

    private sealed record Heap(long HeapBytes, long WorkingSetBytes);

    private sealed class HarnessedApp : LtcHubApp
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting(LoadHarness.Setting, "true");
    }
}
