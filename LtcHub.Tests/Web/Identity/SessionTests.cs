using System.Net;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Web.Identity;

/// <summary>
/// Server-side sessions: a cookie is only as good as its session row. Signing out, a new password,
/// new roles or a disabled account end every session of that person, including copies of the cookie.
/// </summary>
public class SessionTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private async Task<string> SignInCookieAsync(string email, string password = DemoUsers.Password)
    {
        var response = await app.CreateAnonymous().PostLoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("LtcHub.Auth=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    /// <summary>A bare client sending exactly this cookie (a copy, as someone who took it would use it).</summary>
    private HttpClient With(string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private async Task<HttpStatusCode> OpenBoardAsync(string cookie) => (await With(cookie).GetAsync("/pipeline")).StatusCode;

    [Fact]
    public async Task TheCookieHoldsOnlyASessionId_NotTheTicket()
    {
        var cookie = await SignInCookieAsync("sales2@ltchub.local");
        await using var db = app.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "sales2@ltchub.local");
        Assert.True(await db.UserSessions.AnyAsync(s => s.UserId == user.Id));

        // A ticket with roles and claims in the cookie is over a kilobyte; a session reference is a few hundred bytes.
        Assert.True(cookie.Length < 600, $"cookie of {cookie.Length} characters");
    }

    [Fact]
    public async Task ACopyOfTheCookie_IsRefusedAfterSignOut_AndSoIsEveryOtherSessionOfThatPerson()
    {
        var copied = await SignInCookieAsync("ops2@ltchub.local");
        var otherDevice = await SignInCookieAsync("ops2@ltchub.local");
        Assert.Equal(HttpStatusCode.OK, await OpenBoardAsync(copied));

        Assert.Equal(HttpStatusCode.Redirect, (await With(copied).SignOutAsync()).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await OpenBoardAsync(copied));
        Assert.Equal(HttpStatusCode.Redirect, await OpenBoardAsync(otherDevice));
        await using var db = app.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "ops2@ltchub.local");
        Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == user.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == SecurityAudit.EntityType && a.EntityId == user.Id && a.Field == SecurityAudit.Fields.SignedOut));
    }

    [Fact]
    public async Task NewRoles_EndEverySession_ButANameChangeDoesNot()
    {
        var cookie = await SignInCookieAsync("sales5@ltchub.local");
        var admin = await app.ActorAsync("admin@ltchub.local");
        var users = app.Get<UserAdminService>();
        var row = (await users.ListAsync(admin)).Single(u => u.Email == "sales5@ltchub.local");

        await users.UpdateAsync(admin, row.Id, new UserInput(row.Email, "陈静 Chen Jing (Shanghai)", null, row.Roles, row.TeamId, row.Culture));
        Assert.Equal(HttpStatusCode.OK, await OpenBoardAsync(cookie));

        await users.UpdateAsync(admin, row.Id, new UserInput(row.Email, row.DisplayName, null, [Roles.Sales, Roles.Finance], row.TeamId, row.Culture));
        Assert.Equal(HttpStatusCode.Redirect, await OpenBoardAsync(cookie));
    }

    [Fact]
    public async Task ADisabledAccount_LosesItsSessions_AndCannotSignIn_UntilEnabledAgain()
    {
        var cookie = await SignInCookieAsync("sales6@ltchub.local");
        var admin = await app.ActorAsync("admin@ltchub.local");
        var users = app.Get<UserAdminService>();
        var id = (await users.ListAsync(admin)).Single(u => u.Email == "sales6@ltchub.local").Id;

        await users.SetDisabledAsync(admin, id, true);
        Assert.Equal(HttpStatusCode.Redirect, await OpenBoardAsync(cookie));
        var refused = await app.CreateAnonymous().PostLoginAsync("sales6@ltchub.local", DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True((await users.ListAsync(admin)).Single(u => u.Id == id).Disabled);

        await users.SetDisabledAsync(admin, id, false);
        Assert.Equal(HttpStatusCode.OK, await OpenBoardAsync(await SignInCookieAsync("sales6@ltchub.local")));
    }

    [Fact]
    public async Task ANewPassword_EndsEverySession_AndOnlyTheNewOneSignsIn()
    {
        var cookie = await SignInCookieAsync("sales3@ltchub.local");
        var me = await app.ActorAsync("sales3@ltchub.local");
        var profile = app.Get<ProfileService>();

        var wrong = await Assert.ThrowsAsync<LtcHub.Domain.Common.DomainException>(() => profile.ChangePasswordAsync(me, "not-it", "N3w-Passw0rd!"));
        Assert.Equal("Error.CurrentPasswordWrong", wrong.Code);
        Assert.Equal(HttpStatusCode.OK, await OpenBoardAsync(cookie));

        await profile.ChangePasswordAsync(me, DemoUsers.Password, "N3w-Passw0rd!");

        Assert.Equal(HttpStatusCode.Redirect, await OpenBoardAsync(cookie));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymous().PostLoginAsync("sales3@ltchub.local", DemoUsers.Password)).StatusCode);
        await SignInCookieAsync("sales3@ltchub.local", "N3w-Passw0rd!");
    }

    [Fact]
    public async Task TheSessionList_ShowsEachBrowser_AndSigningOneOutLeavesTheOthers()
    {
        var laptop = await SignInCookieAsync("salesmgr2@ltchub.local");
        var phone = await SignInCookieAsync("salesmgr2@ltchub.local");
        var me = await app.ActorAsync("salesmgr2@ltchub.local");
        var sessions = app.Get<UserSessions>();
        var list = await sessions.ListAsync(me, null);
        Assert.Equal(2, list.Count);

        var newest = list.OrderByDescending(s => s.CreatedAtUtc).First();
        await sessions.EndAsync(me, newest.Id);

        Assert.Equal(HttpStatusCode.Redirect, await OpenBoardAsync(phone));
        Assert.Equal(HttpStatusCode.OK, await OpenBoardAsync(laptop));
        var stranger = await app.ActorAsync("sales1@ltchub.local");
        var other = (await sessions.ListAsync(me, null)).Single();
        await Assert.ThrowsAsync<LtcHub.Domain.Common.DomainException>(() => sessions.EndAsync(stranger, other.Id));
    }

    [Fact]
    public async Task FailedSignIns_AreThrottledTheSameWay_WhetherOrNotTheEmailHasAnAccount()
    {
        async Task<string> FailAsync(string email) =>
            WebUtility.HtmlDecode(await (await app.CreateAnonymous().PostLoginAsync(email, "wrong-password")).Content.ReadAsStringAsync());

        string MessageOf(string html) => System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\"[^>]*>(?:<[^>]+>)*([^<]+)").Groups[1].Value.Trim();

        var ghost = new List<string>();
        var real = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ghost.Add(MessageOf(await FailAsync("nobody-here@ltchub.local")));
            real.Add(MessageOf(await FailAsync("finance1@ltchub.local")));
        }

        Assert.Equal(real, ghost);
        Assert.Equal("E-mail or password is wrong.", ghost[0]);
        Assert.Equal("Too many failed attempts with this e-mail. Wait a few minutes and try again.", ghost[5]);
        await using var db = app.CreateDbContext();
        Assert.True(await db.AuditEntries.CountAsync(a => a.Field == SecurityAudit.Fields.SignInRefused && a.NewValue!.StartsWith("nobody-here@")) >= 6);
    }
}
