using System.Net;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Web.Meetings;

/// <summary>Ids reveal nothing: a meeting you may not see and one that does not exist get the same answer, page and download alike.</summary>
public class MeetingDisclosureTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task AHiddenMeeting_AndAMissingOne_LookTheSame()
    {
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var east = await app.TeamIdAsync(DemoTeams.EastSales);
        var meetings = app.Get<MeetingService>();
        var id = await app.Get<MeetingScheduler>().ScheduleAsync(manager, new MeetingInput("East only · 保密", DateTime.UtcNow, [east], [], false, "en-US"), startNow: true);
        await meetings.EndAsync(manager, id);

        var south = await app.SignedInAsync("sales4@ltchub.local");
        var hiddenMinutes = await south.GetAsync($"/meetings/{id}/minutes.md");
        var missingMinutes = await south.GetAsync("/meetings/987654/minutes.md");
        Assert.Equal(HttpStatusCode.NotFound, hiddenMinutes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingMinutes.StatusCode);
        Assert.Equal(await missingMinutes.Content.ReadAsStringAsync(), await hiddenMinutes.Content.ReadAsStringAsync());

        var hiddenRoom = WebUtility.HtmlDecode(await south.GetStringAsync($"/meetings/{id}"));
        var missingRoom = WebUtility.HtmlDecode(await south.GetStringAsync("/meetings/987654"));
        Assert.Contains("This meeting does not exist, or it is not one you may see.", hiddenRoom);
        Assert.Contains("This meeting does not exist, or it is not one you may see.", missingRoom);
        Assert.DoesNotContain("保密", hiddenRoom);

        var insider = await app.SignedInAsync("sales2@ltchub.local");
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/meetings/{id}/minutes.md")).StatusCode);
    }
}
