using Bunit;
using LtcHub.Domain.Teams;
using LtcHub.Web.Components.Layout;

namespace LtcHub.Tests.Components.Layout;

public class ShellTests : ComponentTest
{
    private IRenderedComponent<NavMenu> RenderNavFor(params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone@ltchub.local");
        auth.SetRoles(roles);
        return Render<NavMenu>();
    }

    private static List<string> Links(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("[data-nav]").Select(e => e.GetAttribute("data-nav")!).ToList();

    [Fact]
    public void Sales_SeesPipelineLeadsCustomersMeetingsInvoicesAndImport_ButNotAdmin()
    {
        var cut = RenderNavFor(Roles.Sales);
        Assert.Equal(["pipeline", "leads", "accounts", "meetings", "reports", "targets", "contracts", "invoices", "imports"], Links(cut));
    }

    [Fact]
    public void Ops_DoNotSeeImport()
    {
        var cut = RenderNavFor(Roles.Ops);
        Assert.Equal(["pipeline", "leads", "accounts", "meetings", "reports", "targets", "contracts", "invoices"], Links(cut));
    }

    [Fact]
    public void Admin_AlsoSeesAdmin()
    {
        var cut = RenderNavFor(Roles.Admin);
        Assert.Equal(["pipeline", "leads", "accounts", "meetings", "reports", "targets", "contracts", "invoices", "imports", "products", "admin", "stages", "lead-settings", "settings",
                "webhooks", "audit"],
            Links(cut));
        Assert.Equal("/admin/users", cut.Find("[data-nav=admin]").GetAttribute("href"));
        Assert.Equal("/admin/stages", cut.Find("[data-nav=stages]").GetAttribute("href"));
        Assert.Equal("/admin/audit", cut.Find("[data-nav=audit]").GetAttribute("href"));
        Assert.Equal("/admin/webhooks", cut.Find("[data-nav=webhooks]").GetAttribute("href"));
        Assert.Equal("/imports", cut.Find("[data-nav=imports]").GetAttribute("href"));
    }

    [Fact]
    public void SwitchingCulture_ChangesTheStrings()
    {
        var english = RenderNavFor(Roles.Admin);
        Assert.Equal(["Pipeline", "Leads", "Customers", "Meetings", "Reports", "Targets", "Contracts", "Invoices", "Import", "Products", "Admin", "Stage settings", "Lead settings", "Commercial settings", "Webhooks", "Audit log"], english.FindAll("[data-nav]").Select(e => e.TextContent.Trim()));

        UseCulture("zh-CN");
        var chinese = Render<NavMenu>();
        Assert.Equal(["销售管道", "线索", "客户", "会议", "报表", "业绩目标", "合同", "发票", "数据导入", "产品", "管理", "阶段设置", "线索设置", "商务设置", "Webhook 推送", "审计日志"], chinese.FindAll("[data-nav]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void CultureMenu_OffersBothLanguages()
    {
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<CultureSwitch>();
        cut.Find("button").Click();
        popovers.WaitForAssertion(() =>
            Assert.Equal(["zh-CN", "en-US"], popovers.FindAll("[data-culture]").Select(e => e.GetAttribute("data-culture"))));
    }
}
