using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;

namespace LtcHub.Tests.Domain.Pipeline;

/// <summary>Every permission cell: role × (from → to stage team) × own / team / other deal.</summary>
public class PipelinePolicyTests
{
    private const int MyTeam = 1;
    private const int OtherTeam = 2;
    private static readonly DateTime Now = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, Stage> Stages = DefaultPipeline.Create().ToDictionary(s => s.Key);

    private static Actor ActorFor(string who) => who switch
    {
        "rep" => new("me", "Rep", new HashSet<string> { Roles.Sales }, MyTeam, new HashSet<int>()),
        "manager" => new("mgr", "Manager", new HashSet<string> { Roles.Sales }, MyTeam, new HashSet<int> { MyTeam }),
        "ops" => new("ops", "Ops", new HashSet<string> { Roles.Ops }, 3, new HashSet<int>()),
        "finance" => new("fin", "Finance", new HashSet<string> { Roles.Finance }, 4, new HashSet<int>()),
        "admin" => new("adm", "Admin", new HashSet<string> { Roles.Admin }, null, new HashSet<int>()),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private static Deal DealOf(string relation, string stage) => relation switch
    {
        "own" => new Deal("d", 1, "me", MyTeam, Stages[stage], 1m, "CNY", null, Now),
        "team" => new Deal("d", 1, "colleague", MyTeam, Stages[stage], 1m, "CNY", null, Now),
        "other" => new Deal("d", 1, "stranger", OtherTeam, Stages[stage], 1m, "CNY", null, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(relation)),
    };

    public static TheoryData<string, string, string, string, bool> Cells()
    {
        // (from, to): sales→sales, sales→lost, lost→sales, won→ops (hand-off), ops→ops, ops→won (push back),
        // ops→finance, finance→finance, finance→ops.
        (string From, string To)[] moves =
        [
            (StageKeys.Lead, StageKeys.Qualified), (StageKeys.Negotiation, StageKeys.Lost), (StageKeys.Lost, StageKeys.Lead),
            (StageKeys.Won, StageKeys.Handoff), (StageKeys.Handoff, StageKeys.Delivery), (StageKeys.Handoff, StageKeys.Won),
            (StageKeys.Delivery, StageKeys.Invoiced), (StageKeys.Invoiced, StageKeys.Paid), (StageKeys.Invoiced, StageKeys.Delivery),
        ];
        bool Expected(string who, string relation, string from, string to)
        {
            var salesMove = Stages[from].OwningTeam is TeamKind.Sales or TeamKind.None && Stages[to].OwningTeam is TeamKind.Sales or TeamKind.None;
            var opsMove = (from, to) is (StageKeys.Won, StageKeys.Handoff) or (StageKeys.Handoff, StageKeys.Delivery) or (StageKeys.Handoff, StageKeys.Won);
            var financeMove = (from, to) is (StageKeys.Delivery, StageKeys.Invoiced) or (StageKeys.Invoiced, StageKeys.Paid) or (StageKeys.Invoiced, StageKeys.Delivery);
            return who switch
            {
                "admin" => true,
                "rep" => salesMove && relation == "own",
                "manager" => salesMove && relation is "own" or "team",
                "ops" => opsMove,
                "finance" => financeMove,
                _ => false,
            };
        }

        var data = new TheoryData<string, string, string, string, bool>();
        foreach (var who in new[] { "rep", "manager", "ops", "finance", "admin" })
        {
            foreach (var relation in new[] { "own", "team", "other" })
            {
                foreach (var (from, to) in moves)
                {
                    data.Add(who, relation, from, to, Expected(who, relation, from, to));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void CanMove_FollowsTheRoleTable(string who, string relation, string from, string to, bool allowed)
    {
        var deal = DealOf(relation, from);
        Assert.Equal(allowed, PipelinePolicy.CanMove(ActorFor(who), deal, Stages[from], Stages[to]));
    }

    [Theory]
    [InlineData("rep", "own", StageKeys.Proposal, true)]
    [InlineData("rep", "team", StageKeys.Proposal, false)]
    [InlineData("manager", "team", StageKeys.Proposal, true)]
    [InlineData("manager", "other", StageKeys.Proposal, false)]
    [InlineData("ops", "own", StageKeys.Proposal, false)]
    [InlineData("ops", "other", StageKeys.Delivery, true)]
    [InlineData("rep", "own", StageKeys.Delivery, false)]
    [InlineData("finance", "other", StageKeys.Invoiced, true)]
    [InlineData("finance", "other", StageKeys.Lead, false)]
    [InlineData("admin", "other", StageKeys.Lead, true)]
    public void CanEdit_FollowsWhoOwnsTheStage(string who, string relation, string stage, bool allowed) =>
        Assert.Equal(allowed, PipelinePolicy.CanEdit(ActorFor(who), DealOf(relation, stage)));
}
