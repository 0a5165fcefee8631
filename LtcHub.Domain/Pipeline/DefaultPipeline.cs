using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Pipeline;

/// <summary>The pipeline a new LtcHub starts with (an admin may change it afterwards).</summary>
public static class DefaultPipeline
{
    public static IReadOnlyList<Stage> Create() =>
    [
        new(StageKeys.Lead, "线索", "Lead", 1, TeamKind.Sales, 10, 60, 14, EntryRequirement.None),
        new(StageKeys.Qualified, "已验证", "Qualified", 2, TeamKind.Sales, 25, 40, 21, EntryRequirement.Scorecard),
        new(StageKeys.Proposal, "方案报价", "Proposal", 3, TeamKind.Sales, 50, 30, 21, EntryRequirement.Quote),
        new(StageKeys.Negotiation, "商务谈判", "Negotiation", 4, TeamKind.Sales, 75, 20, 14, EntryRequirement.None),
        new(StageKeys.Won, "赢单", "Won", 5, TeamKind.Sales, 100, null, 7,
            EntryRequirement.Amount | EntryRequirement.CloseDate | EntryRequirement.Contract),
        new(StageKeys.Handoff, "交接", "Handoff", 6, TeamKind.Ops, 100, 10, 7, EntryRequirement.OpsAcceptance),
        new(StageKeys.Delivery, "交付", "Delivery", 7, TeamKind.Ops, 100, 15, 30, EntryRequirement.None),
        new(StageKeys.Invoiced, "已开票", "Invoiced", 8, TeamKind.Finance, 100, null, 45, EntryRequirement.Invoice),
        new(StageKeys.Paid, "已回款", "Paid", 9, TeamKind.Finance, 100, null, null, EntryRequirement.FullPayment),
        new(StageKeys.Lost, "输单", "Lost", 10, TeamKind.None, 0, null, null, EntryRequirement.LossReason),
    ];
}
