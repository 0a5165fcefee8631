using Bunit;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Webhooks;
using LtcHub.Tests.Support;
using LtcHub.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LtcHub.Tests.Components.Admin;

/// <summary>The webhooks page as Admin sees it: an endpoint added from the form, a stale save refused naming who saved first.</summary>
public class WebhooksPageTests(LtcHubApp app) : LiveBoardTest(app), IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task AnEndpointAddedOnThePage_IsListed_AndASaveOverAnotherAdminsChange_SaysWhoChangedIt()
    {
        Services.AddSingleton(App.Get<WebhookService>());
        Services.AddSingleton(App.Get<UserAdminService>());
        Services.AddSingleton(App.Get<LtcHub.Web.Jobs.WebhookQueue>());
        await SignInAsAsync("admin@ltchub.local");
        Render<MudPopoverProvider>();
        var cut = Render<WebhooksPage>();
        var url = $"http://127.0.0.1:9/hooks/{Guid.NewGuid():N}";

        cut.Find("[data-field=webhook-url] input, input[data-field=webhook-url]").Change(url);
        cut.Find("[data-testid=webhook-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains(url, cut.Markup));
        var admin = await App.ActorAsync("admin@ltchub.local");
        var endpoint = (await App.Get<WebhookService>().ListAsync(admin)).Single(e => e.Url == url);
        Assert.Equal([WebhookEvents.DealWon], endpoint.Events);

        // Another admin (here: the same service, as if from another window) switches it off first.
        await App.Get<WebhookService>().UpdateAsync(admin with { DisplayName = "另一位管理员" }, endpoint.Id, endpoint.Version, url, endpoint.Events, false);
        cut.Find($"[data-webhook-id='{endpoint.Id}'] [data-testid=webhook-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("另一位管理员", cut.Find("[data-testid=webhook-error]").TextContent));
    }
}
