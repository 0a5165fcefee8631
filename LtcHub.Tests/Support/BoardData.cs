using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Tests.Support;

/// <summary>Small boards in memory, for the board's projection (no database, no renderer).</summary>
public static class BoardData
{
    public static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<BoardStage> Stages { get; } =
    [
        new(1, StageKeys.Lead, "线索", "Lead", 1, TeamKind.Sales, 10, null, 14, EntryRequirement.None),
        new(2, StageKeys.Negotiation, "商务谈判", "Negotiation", 2, TeamKind.Sales, 75, 2, 14, EntryRequirement.None),
        new(3, StageKeys.Won, "赢单", "Won", 3, TeamKind.Sales, 100, null, 7, EntryRequirement.None),
        new(4, StageKeys.Delivery, "交付", "Delivery", 4, TeamKind.Ops, 100, 3, 30, EntryRequirement.None),
    ];

    public static DealCard Card(int id, string stage, decimal? amount = 100_000m, long version = 1, string owner = "u1", int? team = 1,
        string name = "", int daysInStage = 1) =>
        new(id, name == "" ? $"Deal {id}" : name, 1, "华信科技", "Huaxin Tech", amount, "CNY", owner, owner == "u1" ? "王芳 Wang Fang" : "Li Lei",
            team, stage, Now.AddDays(-daysInStage), null, null, null, null, version);

    public static BoardSnapshot Board(params DealCard[] cards) => BoardSnapshot.Create(Stages, cards, Now);

    public static Actor Viewer(string id = "u1", int team = 1) => TestActors.Sales(id, team);
}
