using LtcHub.Domain.Common;
using LtcHub.Domain.Contracts;

namespace LtcHub.Tests.Domain.Contracts;

public class ContractPlanTests
{
    private static readonly DateOnly Signed = new(2026, 11, 27);

    private static Contract Contract(decimal amount) =>
        new(1, "CT-2026-00001", Signed, amount, "CNY", Signed, Signed.AddYears(1), null, "u-sales", DateTime.UtcNow);

    [Fact]
    public void APercentPlan_AddsUpToTheFen_TheLastShareTakingTheRounding()
    {
        var contract = Contract(100_000.01m);
        contract.SetPlan([new(Signed.AddDays(10), null, 30m), new(Signed.AddDays(40), null, 40m), new(Signed.AddDays(70), null, 30m)], new HashSet<int>());

        Assert.Equal([30_000.00m, 40_000.00m, 30_000.01m], contract.Plan.Select(l => l.Amount));
        Assert.Equal(contract.Amount, contract.Plan.Sum(l => l.Amount));
        Assert.Equal([1, 2, 3], contract.Plan.Select(l => l.Number));
    }

    [Fact]
    public void APlanThatDoesNotAddUp_IsRefused_SayingByHowMuch()
    {
        var contract = Contract(100_000m);
        var error = Assert.Throws<DomainException>(() =>
            contract.SetPlan([new(Signed.AddDays(10), 40_000m, null), new(Signed.AddDays(40), 50_000m, null)], new HashSet<int>()));

        Assert.Equal(("Error.PlanDoesNotAddUp", 90_000m, 100_000m), (error.Code, error.Args[0], error.Args[1]));
        Assert.Empty(contract.Plan);
    }

    [Fact]
    public void AnInstalmentNeedsAnAmountOrAShare_AndAShareIsAPercentage()
    {
        var contract = Contract(1_000m);
        Assert.Equal("Error.PlanLineNeedsAmount", Assert.Throws<DomainException>(() => contract.SetPlan([new(Signed, null, null)], new HashSet<int>())).Code);
        Assert.Equal("Error.PercentRange", Assert.Throws<DomainException>(() => contract.SetPlan([new(Signed, null, 120m)], new HashSet<int>())).Code);
        Assert.Equal("Error.PlanEmpty", Assert.Throws<DomainException>(() => contract.SetPlan([], new HashSet<int>())).Code);
    }

    [Fact]
    public void AContractEndsAfterItStarts()
    {
        Assert.Equal("Error.EndBeforeStart", Assert.Throws<DomainException>(() =>
            new Contract(1, "CT-1", Signed, 1m, "CNY", Signed, Signed.AddDays(-1), null, "u", DateTime.UtcNow)).Code);
    }
}
