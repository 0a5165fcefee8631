using LtcHub.Domain.Teams;

namespace LtcHub.Tests.Support;

public static class TestActors
{
    public static Actor Sales(string id = "u-sales", int team = 1) => new(id, "Sales " + id, new HashSet<string> { Roles.Sales }, team, new HashSet<int>());

    public static Actor Ops(string id = "u-ops") => new(id, "Ops " + id, new HashSet<string> { Roles.Ops }, 3, new HashSet<int>());
}
