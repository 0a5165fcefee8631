using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Teams;

namespace LtcHub.Domain.Pipeline;

/// <summary>
/// An opportunity travelling from Lead to Paid. All changes go through methods that check the
/// rules, bump <see cref="Version"/> (the concurrency token) and return the audit lines to store.
/// </summary>
public sealed class Deal
{
    public const string EntityType = "Deal";
    public const int NameMaxLength = 200;
    public const int NextStepMaxLength = 300;
    public const int LossReasonMaxLength = 500;
    public const int PushbackReasonMaxLength = 500;

    private Deal()
    {
    }

    public Deal(
        string name, int accountId, string ownerId, int? teamId, Stage stage, decimal? amount, string currency,
        DateOnly? expectedCloseDate, DateTime nowUtc)
    {
        Name = Text.Required(name, NameMaxLength, "Field.DealName");
        AccountId = accountId;
        OwnerId = ownerId;
        TeamId = teamId;
        Amount = amount is { } a ? Money.ValidAmount(a) : null;
        Currency = Money.ValidCurrency(currency);
        ExpectedCloseDate = expectedCloseDate is { } d ? Dates.Valid(d, "Field.CloseDate") : null;
        Stage = stage;
        StageId = stage.Id;
        CreatedAtUtc = nowUtc;
        EnteredStageAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
        Version = 1;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public int AccountId { get; private set; }

    public string OwnerId { get; private set; } = "";

    /// <summary>The owner's team when the deal was assigned; managers act on their team's deals.</summary>
    public int? TeamId { get; private set; }

    public decimal? Amount { get; private set; }

    public string Currency { get; private set; } = Money.DefaultCurrency;

    public DateOnly? ExpectedCloseDate { get; private set; }

    public int StageId { get; private set; }

    public Stage Stage { get; private set; } = null!;

    public int? ProbabilityOverride { get; private set; }

    /// <summary>The owner's call on closing in the expected month (commit, best case, pipeline, omitted).</summary>
    public ForecastCategory Forecast { get; private set; }

    public string? NextStep { get; private set; }

    public DateOnly? NextStepDueDate { get; private set; }

    /// <summary>The scorecard's total (0–100) and grade; null until the lead is scored.</summary>
    public int? QualificationScore { get; private set; }

    public Grade? Grade { get; private set; }

    /// <summary>The last follow-up logged on this deal (it keeps the deal from going stale).</summary>
    public DateTime? LastFollowUpAtUtc { get; private set; }

    public string? LossReason { get; private set; }

    public DateTime? OpsAcceptedAtUtc { get; private set; }

    public string? OpsAcceptedById { get; private set; }

    /// <summary>Why Ops last sent this won deal back instead of accepting it; cleared when Ops accept it.</summary>
    public string? HandoffPushbackReason { get; private set; }

    public DateTime? HandoffPushedBackAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime EnteredStageAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>App-managed optimistic concurrency token; every change increments it.</summary>
    public long Version { get; private set; }

    /// <summary>Won, or already with ops or finance: the deal keeps what made it won.</summary>
    public bool IsWonOrBeyond => Stage.Key == StageKeys.Won || Stage.OwningTeam is TeamKind.Ops or TeamKind.Finance;

    public bool IsStale(DateTime nowUtc) => DealClock.IsStale(Stage.DaysUntilStale, EnteredStageAtUtc, LastFollowUpAtUtc, nowUtc);

    /// <summary>
    /// Moves the deal to <paramref name="target"/>, first applying the values the user supplied for
    /// its entry rules. Nothing changes unless every rule is met.
    /// </summary>
    public IReadOnlyList<AuditEntry> MoveTo(Stage target, StageEntryInput input, DealFacts facts, Actor by, DateTime nowUtc)
    {
        if (target.Key == Stage.Key)
        {
            throw new DomainException("Error.AlreadyInStage", target.Key);
        }

        var amount = input.Amount is { } a ? Money.ValidAmount(a) : Amount;
        var closeDate = input.CloseDate is { } d ? Dates.Valid(d, "Field.CloseDate") : ExpectedCloseDate;
        var lossReason = Text.Optional(input.LossReason, LossReasonMaxLength, "Field.LossReason");

        var missing = EntryRequirements.Missing(target, amount, closeDate, Grade,
            target.IsLost ? lossReason : LossReason, input.OpsAccepted ? true : null, facts);
        if (missing != EntryRequirement.None)
        {
            throw new StageEntryRefusedException(target.Key, missing);
        }

        var audit = new DealAuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Amount, Format(Amount), Format(amount), () => Amount = amount);
        audit.Set(DealFields.ExpectedCloseDate, Format(ExpectedCloseDate), Format(closeDate), () => ExpectedCloseDate = closeDate);

        var newLossReason = target.IsLost ? lossReason : null;
        audit.Set(DealFields.LossReason, LossReason, newLossReason, () => LossReason = newLossReason);

        if (target.Key == StageKeys.Handoff && input.OpsAccepted)
        {
            audit.Set(DealFields.OpsAccepted, OpsAcceptedById, by.UserId, () =>
            {
                OpsAcceptedAtUtc = nowUtc;
                OpsAcceptedById = by.UserId;
            });
            audit.Set(DealFields.HandoffPushback, HandoffPushbackReason, null, () =>
            {
                HandoffPushbackReason = null;
                HandoffPushedBackAtUtc = null;
            });
        }
        else if (target.OwningTeam == TeamKind.Sales && OpsAcceptedAtUtc is not null)
        {
            // Pushed back into sales: the old acceptance no longer holds.
            audit.Set(DealFields.OpsAccepted, OpsAcceptedById, null, () =>
            {
                OpsAcceptedAtUtc = null;
                OpsAcceptedById = null;
            });
        }

        audit.Set(DealFields.Stage, Stage.Key, target.Key, () =>
        {
            Stage = target;
            StageId = target.Id;
            EnteredStageAtUtc = nowUtc;
        });

        return audit.Commit();
    }

    /// <summary>
    /// Ops decline a won deal for now: it stays in Won, and the reason shows on its card until the
    /// hand-off is accepted.
    /// </summary>
    public IReadOnlyList<AuditEntry> PushBackHandoff(string reason, Actor by, DateTime nowUtc)
    {
        if (Stage.Key != StageKeys.Won)
        {
            throw new DomainException("Error.NotAwaitingHandoff");
        }

        var why = Text.Required(reason, PushbackReasonMaxLength, "Field.PushbackReason");
        var audit = new DealAuditTrail(this, by, nowUtc);
        audit.Set(DealFields.HandoffPushback, HandoffPushbackReason, why, () =>
        {
            HandoffPushbackReason = why;
            HandoffPushedBackAtUtc = nowUtc;
        });
        return audit.Commit();
    }

    /// <summary>Edits the deal's own fields (from the deal drawer).</summary>
    public IReadOnlyList<AuditEntry> Edit(DealEdit edit, Actor by, DateTime nowUtc)
    {
        var name = Text.Required(edit.Name, NameMaxLength, "Field.DealName");
        var amount = edit.Amount is { } a ? Money.ValidAmount(a) : (decimal?)null;
        var currency = Money.ValidCurrency(edit.Currency);
        var closeDate = edit.ExpectedCloseDate is { } d ? Dates.Valid(d, "Field.CloseDate") : (DateOnly?)null;
        var nextStep = Text.Optional(edit.NextStep, NextStepMaxLength, "Field.NextStep");
        var nextDue = edit.NextStepDueDate is { } n ? Dates.Valid(n, "Field.NextStepDue") : (DateOnly?)null;
        if (edit.ProbabilityOverride is < 0 or > 100)
        {
            throw new DomainException("Error.ProbabilityRange");
        }

        if (IsWonOrBeyond)
        {
            // A won deal keeps what made it won.
            var missing = EntryRequirements.Missing(EntryRequirement.Amount | EntryRequirement.CloseDate, null, amount, closeDate, null, null, null,
                DealFacts.None);
            if (missing != EntryRequirement.None)
            {
                throw new StageEntryRefusedException(StageKeys.Won, missing);
            }
        }

        var audit = new DealAuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Name, Name, name, () => Name = name);
        audit.Set(DealFields.Amount, Format(Amount), Format(amount), () => Amount = amount);
        audit.Set(DealFields.Currency, Currency, currency, () => Currency = currency);
        audit.Set(DealFields.ExpectedCloseDate, Format(ExpectedCloseDate), Format(closeDate), () => ExpectedCloseDate = closeDate);
        audit.Set(DealFields.NextStep, NextStep, nextStep, () => NextStep = nextStep);
        audit.Set(DealFields.NextStepDueDate, Format(NextStepDueDate), Format(nextDue), () => NextStepDueDate = nextDue);
        audit.Set(DealFields.ProbabilityOverride, Format(ProbabilityOverride), Format(edit.ProbabilityOverride),
            () => ProbabilityOverride = edit.ProbabilityOverride);
        if (edit.Forecast is { } forecast && Enum.IsDefined(forecast))
        {
            audit.Set(DealFields.Forecast, Forecast.ToString(), forecast.ToString(), () => Forecast = forecast);
        }

        return audit.Commit();
    }

    /// <summary>
    /// The deal's amount becomes what the customer signed for (an accepted quote's gross total, a
    /// contract's amount): audited like any change, and only if it differs.
    /// </summary>
    public IReadOnlyList<AuditEntry> TakeAmount(decimal amount, string currency, Actor by, DateTime nowUtc)
    {
        var (valid, code) = (Money.ValidAmount(amount), Money.ValidCurrency(currency));
        var audit = new DealAuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Amount, Format(Amount), Format(valid), () => Amount = valid);
        audit.Set(DealFields.Currency, Currency, code, () => Currency = code);
        return audit.Commit();
    }

    /// <summary>A scorecard was filled in (or redone): the total and grade the card and the stage rules read.</summary>
    public IReadOnlyList<AuditEntry> Score(int total, Grade grade, Actor by, DateTime nowUtc)
    {
        var audit = new DealAuditTrail(this, by, nowUtc);
        audit.Set(DealFields.QualificationScore, Format(QualificationScore), Format(total), () => QualificationScore = total);
        audit.Set(DealFields.Grade, Grade?.ToString(), grade.ToString(), () => Grade = grade);
        return audit.Commit();
    }

    /// <summary>A new owner (a claim from the pool, a manager's assignment): audited like any change.</summary>
    public IReadOnlyList<AuditEntry> Reassign(string ownerId, int? teamId, Actor by, DateTime nowUtc)
    {
        var audit = new DealAuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Owner, OwnerId, ownerId, () =>
        {
            OwnerId = ownerId;
            TeamId = teamId;
        });
        return audit.Commit();
    }

    /// <summary>A follow-up was logged on the deal. Not a change of the deal itself: its version stays, so nobody's open form is invalidated.</summary>
    public void FollowedUp(DateTime atUtc)
    {
        if (LastFollowUpAtUtc is null || atUtc > LastFollowUpAtUtc)
        {
            LastFollowUpAtUtc = atUtc;
        }
    }

    internal void Touched(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private static string? Format(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Format(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
