using System.Net;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Audit;
using LtcHub.Infrastructure.Identity;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Infrastructure.Audit;

public class AuditLogTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task Admin_SeesWhoSignedIn_AndWhoWasRefused_NamedForAReader()
    {
        await app.SignedInAsync("sales1@ltchub.local");
        await app.CreateAnonymous().PostLoginAsync("sales1@ltchub.local", "not-the-password");
        var admin = await app.ActorAsync("admin@ltchub.local");

        var lines = await app.Get<AuditLogService>().ListAsync(admin, new AuditFilter(EntityType: SecurityAudit.EntityType));

        Assert.Contains(lines, l => l.Field == SecurityAudit.Fields.SignedIn && l.Subject == "王芳 Wang Fang <sales1@ltchub.local>");
        Assert.Contains(lines, l => l.Field == SecurityAudit.Fields.SignInRefused && l.NewValue!.StartsWith("sales1@ltchub.local"));
        Assert.Equal(lines.OrderByDescending(l => l.Id).Select(l => l.Id), lines.Select(l => l.Id));
    }

    [Fact]
    public async Task DealChangesAreThereToo_AndOthersMayNotRead_TheLog()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var deals = await app.Get<AuditLogService>().ListAsync(admin, new AuditFilter(EntityType: "Deal", Text: "Stage"));
        Assert.NotEmpty(deals);
        Assert.All(deals, l => Assert.Equal("Deal", l.EntityType));

        var sales = await app.ActorAsync("sales1@ltchub.local");
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<AuditLogService>().ListAsync(sales, new AuditFilter()));
        var page = await (await app.SignedInAsync("sales2@ltchub.local")).GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQuery);

        var html = WebUtility.HtmlDecode(await (await app.SignedInAsync("admin@ltchub.local")).GetStringAsync("/admin/audit"));
        Assert.Contains("data-audit-field=\"SignedIn\"", html);
    }
}
