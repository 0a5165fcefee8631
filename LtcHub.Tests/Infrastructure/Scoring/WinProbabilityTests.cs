using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Scoring;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Infrastructure.Scoring;

/// <summary>The learned win probability on the demo company's own closed deals, and learning again when a deal is lost.</summary>
public class WinProbabilityTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task ALead_GetsAProbabilityFromTheCompanysHistory_WithWhatPullsItUpAndDown()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "学习赢单率", 800_000m);

        var estimate = await app.Get<WinProbability>().EstimateAsync(deal.Id);

        Assert.True(estimate.Enough, $"{estimate.Won} won, {estimate.Lost} lost");
        Assert.InRange(estimate.Probability, 0.01, 0.99);
        Assert.NotEmpty(estimate.For.Concat(estimate.Against));
        Assert.All(estimate.For, f => Assert.True(f.Ratio > 1));
        Assert.All(estimate.Against, f => Assert.True(f.Ratio < 1));
    }

    [Fact]
    public async Task ADealLost_TeachesTheModelAtOnce()
    {
        var model = app.Get<WinProbability>();
        var before = (await model.RetrainAsync()).Lost;
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "输单 · 学习");

        var lost = await app.Get<PipelineService>().MoveAsync(await app.ActorAsync("sales1@ltchub.local"), deal.Id, deal.Version, StageKeys.Lost,
            new StageEntryInput(LossReason: "价格过高"));
        Assert.Equal(ChangeStatus.Done, lost.Status);

        for (var i = 0; i < 50 && model.TrainedOn.Lost == before; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(before + 1, model.TrainedOn.Lost);
    }
}
