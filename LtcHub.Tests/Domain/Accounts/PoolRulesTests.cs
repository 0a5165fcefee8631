using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;

namespace LtcHub.Tests.Domain.Accounts;

public class PoolRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    // Defaults: C customers go back after 30 days without a follow-up or 45 without progress; warned 7 days ahead.
    private readonly PoolRules _rules = new(1);

    [Theory]
    [InlineData(10, null, PoolVerdict.Keep)]
    [InlineData(23, null, PoolVerdict.Warn)]
    [InlineData(30, null, PoolVerdict.Reclaim)]
    [InlineData(5, 40, PoolVerdict.Warn)]
    [InlineData(5, 46, PoolVerdict.Reclaim)]
    public void ACCustomer_IsKeptWarnedOrTakenBack_ByDaysWithoutAFollowUpOrProgress(int daysUntouched, int? daysWithoutProgress, PoolVerdict verdict) =>
        Assert.Equal(verdict, _rules.Judge(CustomerLevel.C, Now.AddDays(-daysUntouched), daysWithoutProgress is { } p ? Now.AddDays(-p) : null, Now));

    [Fact]
    public void AnACustomer_IsGivenLonger() =>
        Assert.Equal(PoolVerdict.Keep, _rules.Judge(CustomerLevel.A, Now.AddDays(-60), null, Now));

    [Fact]
    public void ClaimsStopAtTheDailyCap_TheHoldingLimit_AndForThePreviousOwnerDuringTheCooldown()
    {
        Assert.Equal("Error.PoolDailyCap", _rules.RefuseClaim(5, 0, null, null, "u1", Now));
        Assert.Equal("Error.PoolHoldingLimit", _rules.RefuseClaim(0, 50, null, null, "u1", Now));
        Assert.Equal("Error.PoolCooldown", _rules.RefuseClaim(0, 0, "u1", Now.AddDays(-29), "u1", Now));
        Assert.Null(_rules.RefuseClaim(0, 0, "u1", Now.AddDays(-31), "u1", Now));
        Assert.Null(_rules.RefuseClaim(4, 49, "u2", Now.AddDays(-1), "u1", Now));
    }

    [Fact]
    public void NonsenseSettings_AreRefused()
    {
        Assert.Throws<DomainException>(() => _rules.Set(true, new(0, 10), new(10, 10), new(10, 10), 7, 5, 50, 30));
        Assert.Throws<DomainException>(() => _rules.Set(true, new(10, 10), new(10, 10), new(10, 10), 7, 0, 50, 30));
    }
}
