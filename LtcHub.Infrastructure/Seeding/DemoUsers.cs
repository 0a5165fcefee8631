using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>The demo logins (README and console list these; all share one password).</summary>
public static class DemoUsers
{
    public const string Password = "LtcHub!2026";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("admin@ltchub.local", "系统管理员 Admin", Roles.Admin, null, false),
        new("salesmgr1@ltchub.local", "赵强 Zhao Qiang", Roles.Sales, DemoTeams.EastSales, true),
        new("sales1@ltchub.local", "王芳 Wang Fang", Roles.Sales, DemoTeams.EastSales, false),
        new("sales2@ltchub.local", "李伟 Li Wei", Roles.Sales, DemoTeams.EastSales, false),
        new("sales3@ltchub.local", "张敏 Zhang Min", Roles.Sales, DemoTeams.EastSales, false),
        new("salesmgr2@ltchub.local", "周丽 Zhou Li", Roles.Sales, DemoTeams.SouthSales, true),
        new("sales4@ltchub.local", "刘洋 Liu Yang", Roles.Sales, DemoTeams.SouthSales, false),
        new("sales5@ltchub.local", "陈静 Chen Jing", Roles.Sales, DemoTeams.SouthSales, false),
        new("sales6@ltchub.local", "杨磊 Yang Lei", Roles.Sales, DemoTeams.SouthSales, false),
        new("ops1@ltchub.local", "吴刚 Wu Gang", Roles.Ops, DemoTeams.Ops, true),
        new("ops2@ltchub.local", "徐婷 Xu Ting", Roles.Ops, DemoTeams.Ops, false),
        new("finance1@ltchub.local", "孙涛 Sun Tao", Roles.Finance, DemoTeams.Finance, true),
    ];
}

public sealed record DemoUser(string Email, string DisplayName, string Role, string? Team, bool IsManager);

public static class DemoTeams
{
    public const string EastSales = "华东销售 East Sales";
    public const string SouthSales = "华南销售 South Sales";
    public const string Ops = "交付运营 Delivery Ops";
    public const string Finance = "财务 Finance";

    public static IReadOnlyList<(string Name, TeamKind Kind)> All { get; } =
        [(EastSales, TeamKind.Sales), (SouthSales, TeamKind.Sales), (Ops, TeamKind.Ops), (Finance, TeamKind.Finance)];
}
