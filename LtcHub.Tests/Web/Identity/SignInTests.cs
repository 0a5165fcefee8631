using System.Net;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Web.Identity;

public class SignInTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Theory]
    [InlineData("/pipeline")]
    [InlineData("/admin")]
    [InlineData("/invoices")]
    public async Task Anonymous_IsSentToTheSignInPage(string path)
    {
        var response = await app.CreateAnonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location!.Query);
    }

    [Fact]
    public async Task Health_IsAnonymous_AndReportsTheDatabase()
    {
        var response = await app.CreateAnonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"Healthy\",\"checks\":{\"database\":\"Healthy\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RightPassword_SignsIn_AndOpensThePipeline()
    {
        var client = app.CreateAnonymous();
        var response = await client.PostLoginAsync("sales1@ltchub.local", DemoUsers.Password, "/pipeline");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/pipeline", LocationOf(response));
        var page = await client.GetAsync("/pipeline");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("王芳 Wang Fang", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithATranslatedMessage()
    {
        var english = await app.CreateAnonymous("en-US").PostLoginAsync("sales2@ltchub.local", "wrong-password");
        var chinese = await app.CreateAnonymous("zh-CN").PostLoginAsync("sales2@ltchub.local", "wrong-password");

        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Contains("E-mail or password is wrong.", await english.Content.ReadAsStringAsync());
        Assert.Contains("邮箱或密码错误。", WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(english.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("LtcHub.Auth", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("", "pw", "E-mail is required.")]
    [InlineData("not-an-email", "pw", "is not a valid e-mail address")]
    [InlineData("sales1@ltchub.local", "", "Password is required.")]
    public async Task MalformedInput_GetsAFieldMessage(string email, string password, string message)
    {
        var response = await app.CreateAnonymous().PostLoginAsync(email, password);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenForTheRightPassword()
    {
        var client = app.CreateAnonymous();
        for (var i = 0; i < IdentityRules.MaxFailedAttempts; i++)
        {
            await client.PostLoginAsync("sales6@ltchub.local", "wrong-" + i);
        }

        var response = await client.PostLoginAsync("sales6@ltchub.local", DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many failed attempts", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    public async Task ForeignReturnUrl_IsIgnored(string returnUrl)
    {
        var response = await app.CreateAnonymous().PostLoginAsync("sales3@ltchub.local", DemoUsers.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", LocationOf(response));
    }

    [Fact]
    public async Task SalesUser_CannotReachTheAdminPage()
    {
        var client = await app.SignedInAsync("sales1@ltchub.local");
        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SalesUser_IsRefusedByTheUserService()
    {
        var sales = await app.ActorAsync("sales1@ltchub.local");
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<UserAdminService>().ListAsync(sales));
    }

    [Fact]
    public async Task Admin_SeesTheUserList()
    {
        var client = await app.SignedInAsync("admin@ltchub.local");
        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("finance1@ltchub.local", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CultureSwitch_IsRemembered_InACookie()
    {
        var client = app.CreateAnonymous("en-US");
        var set = await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2Faccount%2Flogin");
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/account/login"));
        Assert.Contains("登录线索到回款实时看板。", page);
        Assert.Contains("lang=\"zh-CN\"", page);
    }

    /// <summary>Where a redirect points, resolved against the app's own address.</summary>
    private static string LocationOf(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location!).ToString();

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await app.SignedInAsync("ops1@ltchub.local");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignOutAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/meetings")).StatusCode);
    }
}
