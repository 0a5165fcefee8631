using System.Net;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LtcHub.Tests.Web;

/// <summary>Started as the README says, in its own process: Production is Production, with no demo user and no developer page.</summary>
[Trait("Category", "Process")]
public class ProductionTests : IDisposable
{
    private const string AdminEmail = "it@customer.example";
    private const string AdminPassword = "Prod-Adm1n!pw";
    private readonly TempDatabase _database = new();

    private Dictionary<string, string> Environment(string? environment) => new Dictionary<string, string>
    {
        ["ConnectionStrings__LtcHub"] = _database.ConnectionString,
        ["Smtp__PickupFolder"] = _database.Folder,
        ["Seed__AdminEmail"] = AdminEmail,
        ["Seed__AdminPassword"] = AdminPassword,
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Jobs__RunDunningAtStartup"] = "false",
    }.Concat(environment is null ? [] : [new KeyValuePair<string, string>("ASPNETCORE_ENVIRONMENT", environment)]).ToDictionary();

    [Fact]
    public async Task TheReadmesProductionCommand_RunsAsProduction_WithNoDemoUser_ItsStaticFiles_AndAnErrorPage()
    {
        await using var app = await AppRun.StartAsync(Environment("Production"));

        Assert.Contains("Hosting environment: Production", app.Output);
        Assert.DoesNotContain("demo logins", app.Output);
        var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostLoginAsync(DemoUsers.All[0].Email, DemoUsers.Password)).StatusCode);
        foreach (var asset in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.css", "/LtcHub.Web.styles.css" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(asset)).StatusCode);
        }

        var admin = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostLoginAsync(AdminEmail, AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/pipeline")).StatusCode);

        // Break the database under the running app: the person gets the error page, never a stack trace.
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE AuditEntries";
            await drop.ExecuteNonQueryAsync();
        }

        var failed = await admin.GetAsync("/admin/audit");
        var body = await failed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("data-testid=\"error-page\"", body);
        Assert.DoesNotContain("SqliteException", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task APlainDotnetRun_IsTheDemo_AndTheSameDatabaseInProduction_LetsNoDemoLoginIn()
    {
        await using (var demo = await AppRun.StartAsync(Environment(null)))
        {
            Assert.Contains("Hosting environment: Development", demo.Output);
            Assert.Contains("LtcHub demo logins", demo.Output);
            Assert.Equal(HttpStatusCode.Redirect, (await demo.Client().PostLoginAsync("sales1@ltchub.local", DemoUsers.Password)).StatusCode);
        }

        await using var production = await AppRun.StartAsync(Environment("Production"));
        Assert.Contains("Hosting environment: Production", production.Output);
        foreach (var user in DemoUsers.All.Take(3))
        {
            Assert.Equal(HttpStatusCode.OK, (await production.Client().PostLoginAsync(user.Email, DemoUsers.Password)).StatusCode);
        }
    }

    public void Dispose() => _database.Dispose();
}
