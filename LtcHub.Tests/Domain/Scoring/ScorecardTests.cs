using LtcHub.Domain.Common;
using LtcHub.Domain.Scoring;

namespace LtcHub.Tests.Domain.Scoring;

public class ScorecardTests
{
    private static readonly ScoringSettings Settings = ScoringSettings.Default(); // 30/25/15/15/15; A ≥ 80, B ≥ 60, C ≥ 40

    private static ScorecardInput Input(int need, int budget, int cycle, int size) =>
        new(new(need, "需求明确"), new(budget, null), new(cycle, null), new(size, null), null);

    [Fact]
    public void TheTotal_IsEachRatingsShareOfFive_TimesItsWeight()
    {
        // 5/5·30 + 4/5·25 + 3/5·15 + 2/5·15 + 5/5·15 = 30 + 20 + 9 + 6 + 15 = 80 → A
        var card = new Scorecard(1);
        card.Score(Input(5, 4, 3, 2), new PaymentHistory(4, 4, 4, 0, 0, 0), Settings, "u1", "王芳", DateTime.UtcNow);

        Assert.Equal((80, Grade.A, 5.0m), (card.Total, card.Grade, card.History));
    }

    [Fact]
    public void ANewCustomer_IsJudgedOnTheFourRatingsAlone_NotMarkedDown()
    {
        // No history: (30 + 20 + 9 + 6) / 85 = 76.47 → 76 → B
        var card = new Scorecard(1);
        card.Score(Input(5, 4, 3, 2), PaymentHistory.None, Settings, "u1", "王芳", DateTime.UtcNow);

        Assert.Equal((76, Grade.B), (card.Total, card.Grade));
        Assert.Null(card.History);
    }

    [Theory]
    [InlineData(80, Grade.A)]
    [InlineData(79, Grade.B)]
    [InlineData(60, Grade.B)]
    [InlineData(59, Grade.C)]
    [InlineData(40, Grade.C)]
    [InlineData(39, Grade.D)]
    [InlineData(0, Grade.D)]
    public void Grades_FollowTheBands(int total, Grade grade) => Assert.Equal(grade, Settings.GradeOf(total));

    [Fact]
    public void ARatingOutsideZeroToFive_IsRefused_AndNothingChanges()
    {
        var card = new Scorecard(1);
        var e = Assert.Throws<DomainException>(() => card.Score(Input(6, 4, 3, 2), PaymentHistory.None, Settings, "u1", "王芳", DateTime.UtcNow));

        Assert.Equal("Error.RatingRange", e.Code);
        Assert.Equal((0, 0L), (card.Total, card.Version));
    }

    [Fact]
    public void WeightsMustSumTo100_AndBandsMustDescend()
    {
        var settings = ScoringSettings.Default();
        Assert.Equal("Error.WeightsSum", Assert.Throws<DomainException>(() => settings.Update(new CriterionWeights(30, 25, 15, 15, 10), 80, 60, 40)).Code);
        Assert.Equal("Error.GradeBands", Assert.Throws<DomainException>(() => settings.Update(new CriterionWeights(30, 25, 15, 15, 15), 60, 80, 40)).Code);
        Assert.Equal(30, settings.NeedFitWeight);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, 0, null)] // no invoices: no history
    [InlineData(2, 0, 0, 0, 0, 0, 2.5)] // invoiced, nothing paid yet, nothing overdue
    [InlineData(10, 10, 10, 0, 0, 0, 5.0)] // always on time
    [InlineData(10, 8, 6, 12, 0, 0, 3.8)] // 6 of 8 on time: 5 · 0.75 = 3.75 → 3.8
    [InlineData(10, 8, 2, 40, 1, 10, 0.0)] // 2 of 8 on time (1.25), over a month late on average (−1), overdue now (−1) → −0.75 → 0
    [InlineData(5, 4, 4, 0, 1, 45, 3.0)] // on time so far, but one invoice 45 days overdue now (−1, −1)
    public void CooperationHistory_IsComputedFromInvoices(int invoices, int paid, int onTime, double daysLate, int overdue, int mostOverdue, double? rating) =>
        Assert.Equal(rating is null ? null : (decimal)rating, new PaymentHistory(invoices, paid, onTime, daysLate, overdue, mostOverdue).Rating);
}
