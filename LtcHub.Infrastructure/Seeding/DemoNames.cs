using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>The demo company's names and shapes: cities, brands, kinds of company, products, next steps, and the paths deals take.</summary>
internal static class DemoNames
{
    // How many of every 200 deals end in each stage (at least 20 won and 20 lost, so the win model has history).
    public static readonly (string Stage, int Count)[] Distribution =
    [
        (StageKeys.Lead, 28), (StageKeys.Qualified, 28), (StageKeys.Proposal, 26), (StageKeys.Negotiation, 22),
        (StageKeys.Won, 12), (StageKeys.Handoff, 8), (StageKeys.Delivery, 16), (StageKeys.Invoiced, 16),
        (StageKeys.Paid, 22), (StageKeys.Lost, 22),
    ];

    public static readonly (string Zh, string En)[] Cities =
    [
        ("上海", "Shanghai"), ("北京", "Beijing"), ("深圳", "Shenzhen"), ("杭州", "Hangzhou"), ("苏州", "Suzhou"),
        ("广州", "Guangzhou"), ("南京", "Nanjing"), ("成都", "Chengdu"), ("武汉", "Wuhan"), ("宁波", "Ningbo"),
    ];

    public static readonly (string Zh, string En)[] Brands =
    [
        ("华信", "Huaxin"), ("东方", "Dongfang"), ("恒达", "Hengda"), ("瑞丰", "Ruifeng"), ("金桥", "Jinqiao"),
        ("博远", "Boyuan"), ("天成", "Tiancheng"), ("新元", "Xinyuan"), ("中科", "Zhongke"), ("汇通", "Huitong"),
        ("正泰", "Zhengtai"), ("明阳", "Mingyang"),
    ];

    public static readonly (string Zh, string En, string Industry)[] Kinds =
    [
        ("科技有限公司", "Technology Co., Ltd.", "IT"), ("制造有限公司", "Manufacturing Co., Ltd.", "Manufacturing"),
        ("物流有限公司", "Logistics Co., Ltd.", "Logistics"), ("医药股份有限公司", "Pharmaceutical Co., Ltd.", "Pharma"),
        ("零售集团", "Retail Group", "Retail"),
    ];

    public static readonly string[] Products =
    [
        "ERP 实施", "数据平台建设", "年度运维服务", "云迁移项目", "安全审计", "供应链系统升级", "CRM 集成",
        "智能仓储方案", "财务共享中心", "移动办公套件", "BI 报表项目", "工业物联网试点",
    ];

    public static readonly string[] NextSteps =
    [
        "电话跟进需求", "发送报价单", "安排产品演示", "约见采购负责人", "确认技术方案", "合同条款评审",
        "Follow up on budget", "Send revised proposal", "Schedule site visit",
    ];

    public static readonly string[] LossReasons = ["价格过高", "选择了竞争对手", "项目预算取消", "Timing: project postponed"];

    public static readonly string[] FollowUpNotes =
    [
        "电话沟通需求，客户关注交付周期", "拜访采购负责人，介绍实施方案", "微信确认演示时间", "邮件发送方案与报价说明",
        "与技术负责人开会评审方案", "客户反馈预算下季度批复", "Call with IT lead: wants a pilot first", "Sent case studies by e-mail",
        "Visited the plant, met the COO", "WeChat: asked for a revised timeline",
    ];

    public static List<Account> CreateAccounts(Random random, DateTime nowUtc)
    {
        var accounts = new List<Account>();
        for (var i = 0; accounts.Count < DemoData.AccountCount; i++)
        {
            var city = Cities[i % Cities.Length];
            var brand = Brands[(i * 7 + i / Cities.Length) % Brands.Length];
            var kind = Kinds[(i / 2 + i) % Kinds.Length];
            var name = city.Zh + brand.Zh + kind.Zh;

            // One company per brand and kind: "上海华信科技" and "北京华信科技" would be one company to the duplicate check.
            if (accounts.Any(a => a.NameKey == Matching.CompanyKey(name)))
            {
                continue;
            }

            var english = $"{city.En} {brand.En} {kind.En}";
            var account = new Account(name, english, kind.Industry, city.Zh, i % 4 == 0 ? Languages.English : Languages.Chinese,
                nowUtc.AddDays(-400 + i));
            var slug = $"{brand.En}-{city.En}".ToLowerInvariant();
            account.AddContact(random.Next(2) == 0 ? "陈经理" : "林女士", $"ap@{slug}.example.cn",
                $"+86 21 {random.Next(1000, 9999)} {random.Next(1000, 9999)}", "财务经理 Accounts Payable");
            account.AddContact("Procurement", $"purchasing@{slug}.example.cn", null, "采购 Procurement");
            accounts.Add(account);
        }

        return accounts;
    }

    /// <summary>The stages a deal passes through on its way to <paramref name="target"/>.</summary>
    public static List<string> PathTo(string target, Random random)
    {
        string[] flow =
        [
            StageKeys.Qualified, StageKeys.Proposal, StageKeys.Negotiation, StageKeys.Won, StageKeys.Handoff,
            StageKeys.Delivery, StageKeys.Invoiced, StageKeys.Paid,
        ];
        if (target == StageKeys.Lost)
        {
            return [.. flow.Take(random.Next(0, 4)), StageKeys.Lost];
        }

        return target == StageKeys.Lead ? [] : [.. flow.TakeWhile(k => k != target), target];
    }
}
