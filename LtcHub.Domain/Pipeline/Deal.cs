using System.Globalization;
using LtcHub.Domain.Common;
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

    public string? NextStep { get; private set; }

    public DateOnly? NextStepDueDate { get; private set; }

    public int? QualificationScore { get; private set; }

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

    public bool IsStale(DateTime nowUtc) => DealClock.IsStale(Stage.DaysUntilStale, EnteredStageAtUtc, nowUtc);

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
        var score = input.QualificationScore is { } s ? ValidScore(s) : QualificationScore;
        var lossReason = Text.Optional(input.LossReason, LossReasonMaxLength, "Field.LossReason");

        var missing = Missing(target.EntryRules, amount, closeDate, score,
            target.IsLost ? lossReason : LossReason, input.OpsAccepted ? true : null, facts);
        if (missing != EntryRequirement.None)
        {
            throw new StageEntryRefusedException(target.Key, missing);
        }

        var audit = new AuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Amount, Format(Amount), Format(amount), () => Amount = amount);
        audit.Set(DealFields.ExpectedCloseDate, Format(ExpectedCloseDate), Format(closeDate), () => ExpectedCloseDate = closeDate);
        audit.Set(DealFields.QualificationScore, Format(QualificationScore), Format(score), () => QualificationScore = score);

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
        var audit = new AuditTrail(this, by, nowUtc);
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
            var missing = Missing(EntryRequirement.Amount | EntryRequirement.CloseDate, amount, closeDate, null, null, null, DealFacts.None);
            if (missing != EntryRequirement.None)
            {
                throw new StageEntryRefusedException(StageKeys.Won, missing);
            }
        }

        var audit = new AuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Name, Name, name, () => Name = name);
        audit.Set(DealFields.Amount, Format(Amount), Format(amount), () => Amount = amount);
        audit.Set(DealFields.Currency, Currency, currency, () => Currency = currency);
        audit.Set(DealFields.ExpectedCloseDate, Format(ExpectedCloseDate), Format(closeDate), () => ExpectedCloseDate = closeDate);
        audit.Set(DealFields.NextStep, NextStep, nextStep, () => NextStep = nextStep);
        audit.Set(DealFields.NextStepDueDate, Format(NextStepDueDate), Format(nextDue), () => NextStepDueDate = nextDue);
        audit.Set(DealFields.ProbabilityOverride, Format(ProbabilityOverride), Format(edit.ProbabilityOverride),
            () => ProbabilityOverride = edit.ProbabilityOverride);
        return audit.Commit();
    }

    /// <summary>
    /// The deal's amount becomes what the customer signed for (an accepted quote's gross total, a
    /// contract's amount): audited like any change, and only if it differs.
    /// </summary>
    public IReadOnlyList<AuditEntry> TakeAmount(decimal amount, string currency, Actor by, DateTime nowUtc)
    {
        var (valid, code) = (Money.ValidAmount(amount), Money.ValidCurrency(currency));
        var audit = new AuditTrail(this, by, nowUtc);
        audit.Set(DealFields.Amount, Format(Amount), Format(valid), () => Amount = valid);
        audit.Set(DealFields.Currency, Currency, code, () => Currency = code);
        return audit.Commit();
    }

    private static int ValidScore(int score) =>
        score is >= 0 and <= 100 ? score : throw new DomainException("Error.QualificationScoreRange");

    private static EntryRequirement Missing(
        EntryRequirement rules, decimal? amount, DateOnly? closeDate, int? score,
        string? lossReason, bool? opsAccepted, DealFacts facts)
    {
        var missing = EntryRequirement.None;
        void Need(EntryRequirement rule, bool met)
        {
            if (rules.HasFlag(rule) && !met)
            {
                missing |= rule;
            }
        }

        Need(EntryRequirement.QualificationScore, score is not null);
        Need(EntryRequirement.Quote, facts.HasQuote);
        Need(EntryRequirement.Amount, amount is > 0);
        Need(EntryRequirement.CloseDate, closeDate is not null);
        Need(EntryRequirement.Contract, facts.HasContract);
        Need(EntryRequirement.OpsAcceptance, opsAccepted == true);
        Need(EntryRequirement.Invoice, facts.HasInvoice);
        Need(EntryRequirement.FullPayment, facts.FullyPaid);
        Need(EntryRequirement.LossReason, !string.IsNullOrWhiteSpace(lossReason));
        return missing;
    }

    private static string? Format(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Format(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Collects field changes, applies them together, and bumps the version once.</summary>
    private sealed class AuditTrail(Deal deal, Actor by, DateTime nowUtc)
    {
        private readonly List<AuditEntry> _entries = [];
        private readonly List<Action> _apply = [];

        public void Set(string field, string? oldValue, string? newValue, Action apply)
        {
            if (oldValue == newValue)
            {
                return;
            }

            _entries.Add(new AuditEntry(nowUtc, by.UserId, by.DisplayName, EntityType,
                deal.Id.ToString(CultureInfo.InvariantCulture), field, oldValue, newValue));
            _apply.Add(apply);
        }

        public IReadOnlyList<AuditEntry> Commit()
        {
            if (_entries.Count == 0)
            {
                return _entries;
            }

            foreach (var apply in _apply)
            {
                apply();
            }

            deal.UpdatedAtUtc = nowUtc;
            deal.Version++;
            return _entries;
        }
    }
}
