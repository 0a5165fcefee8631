using LtcHub.Domain.Scoring;

namespace LtcHub.Tests.Domain.Scoring;

/// <summary>The learned win probability against a table small enough to compute by hand.</summary>
public class WinModelTests
{
    private static DealTraits Traits(string source, string industry = "IT") => new(source, industry, "上海", "Medium", "100K–500K", "East");

    /// <summary>
    /// 30 won (20 Referral, 10 Web) and 20 lost (5 Referral, 15 Web); industry, region, size, band and team
    /// are the same for all, so they cancel out.
    /// </summary>
    private static WinModel Model() => WinModel.Train(
        Enumerable.Repeat((Traits("Referral"), true), 20)
            .Concat(Enumerable.Repeat((Traits("Web"), true), 10))
            .Concat(Enumerable.Repeat((Traits("Referral"), false), 5))
            .Concat(Enumerable.Repeat((Traits("Web"), false), 15)));

    [Fact]
    public void AReferral_MatchesTheHandComputedProbability()
    {
        // Prior odds 30/20. Source, 2 values seen (+1 unseen) → V = 3:
        // P(Referral|won) = 21/33, P(Referral|lost) = 6/23 → ratio 2.4394.
        // Each shared trait: 1 value seen → V = 2: P(v|won) = 31/32, P(v|lost) = 21/22 → ratio 1.01488, five of them.
        // Odds = 1.5 × 2.4394 × 1.01488^5 = 3.9440 → p = 3.9440 / 4.9440 = 0.7977
        var estimate = Model().Estimate(Traits("Referral"));

        Assert.True(estimate.Enough);
        Assert.Equal(0.7977, estimate.Probability, 3);
        Assert.Equal(("Source", "Referral"), (estimate.For[0].Trait, estimate.For[0].Value));
        Assert.Equal(2.4394, estimate.For[0].Ratio, 3);
        Assert.Empty(estimate.Against);
    }

    [Fact]
    public void AWebLead_IsPulledDownByItsSource()
    {
        // P(Web|won) = 11/33, P(Web|lost) = 16/23 → ratio 0.47917; odds = 1.5 × 0.47917 × 1.07703 = 0.77411 → p = 0.4364
        var estimate = Model().Estimate(Traits("Web"));

        Assert.Equal(0.4364, estimate.Probability, 3);
        Assert.Equal(("Source", "Web"), (estimate.Against[0].Trait, estimate.Against[0].Value));
    }

    [Fact]
    public void AValueNeverSeen_IsUnlikely_NotImpossible()
    {
        var estimate = Model().Estimate(Traits("Exhibition", industry: "Pharma"));

        Assert.InRange(estimate.Probability, 0.01, 0.99);
    }

    [Fact]
    public void BelowTwentyWonAndTwentyLost_ItSaysNotEnoughHistory()
    {
        var model = WinModel.Train(Enumerable.Repeat((Traits("Web"), true), 30).Concat(Enumerable.Repeat((Traits("Web"), false), 19)));

        var estimate = model.Estimate(Traits("Web"));

        Assert.False(estimate.Enough);
        Assert.Equal((30, 19), (estimate.Won, estimate.Lost));
    }
}
