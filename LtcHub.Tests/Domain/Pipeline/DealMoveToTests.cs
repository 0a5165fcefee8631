using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Tests.Support;

namespace LtcHub.Tests.Domain.Pipeline;

public class DealMoveToTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);
    private readonly Dictionary<string, Stage> _stages = DefaultPipeline.Create().ToDictionary(s => s.Key);
    private readonly LtcHub.Domain.Teams.Actor _actor = TestActors.Sales();

    private Deal NewDeal(decimal? amount = null, DateOnly? close = null, string stage = StageKeys.Lead) =>
        new("华信 · ERP", 1, "u-sales", 1, _stages[stage], amount, "CNY", close, Now.AddDays(-10));

    private static StageEntryRefusedException Refused(Action move) => Assert.Throws<StageEntryRefusedException>(move);

    [Fact]
    public void MoveTo_QualifiedWithoutAScorecard_IsRejected()
    {
        var deal = NewDeal();
        var refused = Refused(() => deal.MoveTo(_stages[StageKeys.Qualified], StageEntryInput.Empty, DealFacts.None, _actor, Now));
        Assert.Equal(EntryRequirement.Scorecard, refused.Missing);
        Assert.Equal(StageKeys.Lead, deal.Stage.Key);
    }

    [Fact]
    public void AScoredLead_EntersQualified_AndTheScoreIsAudited()
    {
        var deal = NewDeal();
        var audit = deal.Score(72, Grade.B, _actor, Now);
        deal.MoveTo(_stages[StageKeys.Qualified], StageEntryInput.Empty, DealFacts.None, _actor, Now);

        Assert.Equal((StageKeys.Qualified, 72, Grade.B), (deal.Stage.Key, deal.QualificationScore, deal.Grade));
        Assert.Equal([DealFields.QualificationScore, DealFields.Grade], audit.Select(a => a.Field));
    }

    [Fact]
    public void AStageAskingForGradeB_RefusesAC_AndTakesAnA()
    {
        var qualified = _stages[StageKeys.Qualified];
        qualified.Configure(qualified.NameZh, qualified.NameEn, qualified.Order, qualified.OwningTeam, qualified.Probability, qualified.WipLimit,
            qualified.DaysUntilStale, qualified.EntryRules, Grade.B);
        var weak = NewDeal();
        weak.Score(45, Grade.C, _actor, Now);
        var strong = NewDeal();
        strong.Score(88, Grade.A, _actor, Now);

        Assert.Equal(EntryRequirement.Scorecard, Refused(() => weak.MoveTo(qualified, StageEntryInput.Empty, DealFacts.None, _actor, Now)).Missing);
        strong.MoveTo(qualified, StageEntryInput.Empty, DealFacts.None, _actor, Now);
        Assert.Equal(StageKeys.Qualified, strong.Stage.Key);
    }

    [Fact]
    public void MoveTo_ProposalWithoutQuote_IsRejected()
    {
        var refused = Refused(() => NewDeal().MoveTo(_stages[StageKeys.Proposal], StageEntryInput.Empty, DealFacts.None, _actor, Now));
        Assert.Equal(EntryRequirement.Quote, refused.Missing);
    }

    [Fact]
    public void MoveTo_ProposalWithQuote_IsAllowed()
    {
        var deal = NewDeal();
        deal.MoveTo(_stages[StageKeys.Proposal], StageEntryInput.Empty, new DealFacts(true, false, false), _actor, Now);
        Assert.Equal(StageKeys.Proposal, deal.Stage.Key);
    }

    [Fact]
    public void MoveTo_Negotiation_HasNoRule()
    {
        var deal = NewDeal();
        deal.MoveTo(_stages[StageKeys.Negotiation], StageEntryInput.Empty, DealFacts.None, _actor, Now);
        Assert.Equal(StageKeys.Negotiation, deal.Stage.Key);
    }

    [Fact]
    public void MoveTo_WonWithNothing_ListsAmountCloseDateAndContract()
    {
        var refused = Refused(() => NewDeal().MoveTo(_stages[StageKeys.Won], StageEntryInput.Empty, DealFacts.None, _actor, Now));
        Assert.Equal(EntryRequirement.Amount | EntryRequirement.CloseDate | EntryRequirement.Contract, refused.Missing);
    }

    [Theory]
    [InlineData(null, "2026-12-01", true, EntryRequirement.Amount)]
    [InlineData("100000", null, true, EntryRequirement.CloseDate)]
    [InlineData("100000", "2026-12-01", false, EntryRequirement.Contract)]
    public void MoveTo_WonMissingOneThing_NamesExactlyThatThing(string? amount, string? close, bool hasContract, EntryRequirement missing)
    {
        var deal = NewDeal();
        var input = new StageEntryInput(
            Amount: amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            CloseDate: close is null ? null : DateOnly.Parse(close, System.Globalization.CultureInfo.InvariantCulture));
        var refused = Refused(() => deal.MoveTo(_stages[StageKeys.Won], input, DealFacts.None with { HasContract = hasContract }, _actor, Now));
        Assert.Equal(missing, refused.Missing);
        Assert.Null(deal.Amount);
        Assert.Equal(1, deal.Version);
    }

    [Fact]
    public void MoveTo_WonWithAllFields_AppliesThemAndAuditsEachChange()
    {
        var deal = NewDeal();
        var audit = deal.MoveTo(_stages[StageKeys.Won],
            new StageEntryInput(Amount: 250_000m, CloseDate: new DateOnly(2026, 12, 1)),
            Signed, _actor, Now);

        Assert.Equal(StageKeys.Won, deal.Stage.Key);
        Assert.Equal(250_000m, deal.Amount);
        Assert.Equal(2, deal.Version);
        Assert.Equal(Now, deal.EnteredStageAtUtc);
        var stage = Assert.Single(audit, a => a.Field == "Stage");
        Assert.Equal((StageKeys.Lead, StageKeys.Won, "u-sales"), (stage.OldValue, stage.NewValue, stage.ActorId));
        Assert.Contains(audit, a => a is { Field: "Amount", OldValue: null, NewValue: "250000.00" });
    }

    [Fact]
    public void MoveTo_WonWithExistingValues_NeedsNoInput()
    {
        var deal = NewDeal(500_000m, new DateOnly(2026, 12, 15));
        deal.MoveTo(_stages[StageKeys.Won], StageEntryInput.Empty, Signed, _actor, Now);
        Assert.Equal(StageKeys.Won, deal.Stage.Key);
    }

    [Fact]
    public void MoveTo_HandoffWithoutOpsAcceptance_IsRejected()
    {
        var deal = WonDeal();
        var refused = Refused(() => deal.MoveTo(_stages[StageKeys.Handoff], StageEntryInput.Empty, DealFacts.None, TestActors.Ops(), Now));
        Assert.Equal(EntryRequirement.OpsAcceptance, refused.Missing);
    }

    [Fact]
    public void MoveTo_HandoffAccepted_RecordsWhoAccepted()
    {
        var deal = WonDeal();
        deal.MoveTo(_stages[StageKeys.Handoff], new StageEntryInput(OpsAccepted: true), DealFacts.None, TestActors.Ops("ops-7"), Now);
        Assert.Equal(StageKeys.Handoff, deal.Stage.Key);
        Assert.Equal("ops-7", deal.OpsAcceptedById);
        Assert.Equal(Now, deal.OpsAcceptedAtUtc);
    }

    [Fact]
    public void MoveTo_BackToWonFromHandoff_WithdrawsAcceptance()
    {
        var deal = WonDeal();
        deal.MoveTo(_stages[StageKeys.Handoff], new StageEntryInput(OpsAccepted: true), DealFacts.None, TestActors.Ops(), Now);
        deal.MoveTo(_stages[StageKeys.Won], StageEntryInput.Empty, Signed, TestActors.Ops(), Now);
        Assert.Null(deal.OpsAcceptedById);
    }

    [Fact]
    public void MoveTo_Delivery_HasNoRule()
    {
        var deal = WonDeal();
        deal.MoveTo(_stages[StageKeys.Delivery], StageEntryInput.Empty, DealFacts.None, TestActors.Ops(), Now);
        Assert.Equal(StageKeys.Delivery, deal.Stage.Key);
    }

    [Fact]
    public void MoveTo_InvoicedWithoutInvoice_IsRejected()
    {
        var refused = Refused(() => WonDeal().MoveTo(_stages[StageKeys.Invoiced], StageEntryInput.Empty, DealFacts.None, _actor, Now));
        Assert.Equal(EntryRequirement.Invoice, refused.Missing);
    }

    [Fact]
    public void MoveTo_InvoicedWithInvoice_IsAllowed()
    {
        var deal = WonDeal();
        deal.MoveTo(_stages[StageKeys.Invoiced], StageEntryInput.Empty, new DealFacts(true, true, false), _actor, Now);
        Assert.Equal(StageKeys.Invoiced, deal.Stage.Key);
    }

    [Fact]
    public void MoveTo_PaidWhileNotFullyPaid_IsRejected()
    {
        var refused = Refused(() => WonDeal().MoveTo(_stages[StageKeys.Paid], StageEntryInput.Empty, new DealFacts(true, true, false), _actor, Now));
        Assert.Equal(EntryRequirement.FullPayment, refused.Missing);
    }

    [Fact]
    public void MoveTo_PaidWhenFullyPaid_IsAllowed()
    {
        var deal = WonDeal();
        deal.MoveTo(_stages[StageKeys.Paid], StageEntryInput.Empty, new DealFacts(true, true, true), _actor, Now);
        Assert.Equal(StageKeys.Paid, deal.Stage.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MoveTo_LostWithoutReason_IsRejected(string? reason)
    {
        var refused = Refused(() => NewDeal().MoveTo(_stages[StageKeys.Lost], new StageEntryInput(LossReason: reason), DealFacts.None, _actor, Now));
        Assert.Equal(EntryRequirement.LossReason, refused.Missing);
    }

    [Fact]
    public void MoveTo_LostWithReason_RecordsReason_AndReopeningClearsIt()
    {
        var deal = NewDeal();
        deal.MoveTo(_stages[StageKeys.Lost], new StageEntryInput(LossReason: "价格过高"), DealFacts.None, _actor, Now);
        Assert.Equal(("lost", "价格过高"), (deal.Stage.Key, deal.LossReason));

        deal.MoveTo(_stages[StageKeys.Lead], StageEntryInput.Empty, DealFacts.None, _actor, Now);
        Assert.Equal(StageKeys.Lead, deal.Stage.Key);
        Assert.Null(deal.LossReason);
    }

    [Fact]
    public void MoveTo_SameStage_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() => NewDeal().MoveTo(_stages[StageKeys.Lead], StageEntryInput.Empty, DealFacts.None, _actor, Now));
        Assert.Equal("Error.AlreadyInStage", error.Code);
    }

    [Theory]
    [InlineData("-5", "Error.AmountNotPositive")]
    [InlineData("0", "Error.AmountNotPositive")]
    [InlineData("1000000000001", "Error.AmountTooLarge")]
    [InlineData("10.001", "Error.AmountTooPrecise")]
    public void MoveTo_WonWithBadAmount_IsRejectedAndChangesNothing(string amount, string code)
    {
        var deal = NewDeal();
        var input = new StageEntryInput(Amount: decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            CloseDate: new DateOnly(2026, 12, 1));
        var error = Assert.Throws<DomainException>(() => deal.MoveTo(_stages[StageKeys.Won], input, Signed, _actor, Now));
        Assert.Equal(code, error.Code);
        Assert.Equal((StageKeys.Lead, 1L, null), (deal.Stage.Key, deal.Version, deal.Amount));
    }

    [Fact]
    public void MoveTo_CloseDateOutOfRange_IsRejected()
    {
        var input = new StageEntryInput(Amount: 1m, CloseDate: new DateOnly(1999, 12, 31));
        var error = Assert.Throws<DomainException>(() => NewDeal().MoveTo(_stages[StageKeys.Won], input, Signed, _actor, Now));
        Assert.Equal("Error.DateOutOfRange", error.Code);
    }

    [Fact]
    public void IsStale_AfterStageDaysUntilStale()
    {
        var deal = NewDeal();
        Assert.False(deal.IsStale(Now)); // 10 days in Lead, stale after 14
        Assert.True(deal.IsStale(Now.AddDays(5)));
    }

    /// <summary>A deal whose contract is signed (the rest of its facts: nothing yet).</summary>
    private static DealFacts Signed => DealFacts.None with { HasContract = true };

    private Deal WonDeal()
    {
        var deal = NewDeal();
        deal.MoveTo(_stages[StageKeys.Won], new StageEntryInput(Amount: 100_000m, CloseDate: new DateOnly(2026, 12, 1)), Signed, _actor, Now);
        return deal;
    }
}
