using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Tests.Support;
using LtcHub.Web;
using LtcHub.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace LtcHub.Tests.Infrastructure.Identity;

public class UserAdminServiceTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private UserAdminService Service => app.Get<UserAdminService>();

    private static UserInput Input(string email = "new.rep@ltchub.local", string name = "新同事", string? password = "Welcome!2026") =>
        new(email, name, password, [Roles.Sales], null, "zh-CN");

    [Fact]
    public async Task Admin_CreatesAUser_WhoCanThenSignIn()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        await Service.CreateAsync(admin, Input("created@ltchub.local"));

        var users = await Service.ListAsync(admin);
        var created = Assert.Single(users, u => u.Email == "created@ltchub.local");
        Assert.Equal(["Sales"], created.Roles);
        var client = app.CreateAnonymous();
        var response = await client.PostLoginAsync("created@ltchub.local", "Welcome!2026");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Admin_ChangesRolesAndTeam()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var target = (await Service.ListAsync(admin)).Single(u => u.Email == "sales5@ltchub.local");
        var opsTeam = (await Service.TeamsAsync()).Single(t => t.Kind == TeamKind.Ops);

        await Service.UpdateAsync(admin, target.Id, new UserInput(target.Email, "陈静 (ops)", null, [Roles.Ops], opsTeam.Id, "en-US"));

        var after = (await Service.ListAsync(admin)).Single(u => u.Id == target.Id);
        Assert.Equal(["Ops"], after.Roles);
        Assert.Equal((opsTeam.Id, "陈静 (ops)", "en-US"), (after.TeamId, after.DisplayName, after.Culture));
    }

    [Theory]
    [InlineData("", "Name", "Welcome!2026", "Error.Required")]
    [InlineData("not-an-email", "Name", "Welcome!2026", "Error.EmailInvalid")]
    [InlineData("a b@ltchub.local", "Name", "Welcome!2026", "Error.EmailInvalid")]
    [InlineData("ok@ltchub.local", "", "Welcome!2026", "Error.Required")]
    [InlineData("ok@ltchub.local", "   ", "Welcome!2026", "Error.Required")]
    [InlineData("ok@ltchub.local", "Name", "", "Error.Required")]
    [InlineData("ok@ltchub.local", "Name", "short", "Identity.PasswordTooShort")]
    [InlineData("ok@ltchub.local", "Name", "alllowercase1!", "Identity.PasswordRequiresUpper")]
    [InlineData("sales1@ltchub.local", "Name", "Welcome!2026", "Error.EmailTaken")]
    public async Task BadInput_IsRefused_AndCreatesNothing(string email, string name, string password, string code)
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var before = await CountUsersAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => Service.CreateAsync(admin, Input(email, name, password)));

        Assert.Equal(code, error.Code);
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task OversizeName_IsRefused()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var error = await Assert.ThrowsAsync<DomainException>(() => Service.CreateAsync(admin, Input(name: new string('名', 101))));
        Assert.Equal(("Error.TooLong", "Field.DisplayName", 100), (error.Code, error.Args[0], error.Args[1]));
    }

    [Fact]
    public async Task Admin_CannotRemoveTheirOwnAdminRole()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.UpdateAsync(admin, admin.UserId, new UserInput("admin@ltchub.local", "Admin", null, [Roles.Sales], null, "zh-CN")));
        Assert.Equal("Error.CannotRemoveOwnAdmin", error.Code);
    }

    [Fact]
    public async Task NonAdmin_IsRefused_ForEveryOperation()
    {
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ListAsync(manager));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync(manager, Input("x@ltchub.local")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UpdateAsync(manager, manager.UserId, Input("x@ltchub.local")));
    }

    [Theory]
    [InlineData("en-US", "Name is required.")]
    [InlineData("zh-CN", "姓名为必填项。")]
    public void Refusals_ReadInTheUsersLanguage(string culture, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var localizer = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            Assert.Equal(expected, localizer.Describe(new DomainException("Error.Required", "Field.DisplayName")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private async Task<int> CountUsersAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Users.CountAsync();
    }
}
