using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>A column of the board as the UI shows it.</summary>
public sealed record BoardStage(
    int Id, string Key, string NameZh, string NameEn, int Order, TeamKind Team, int Probability, int? WipLimit,
    int? DaysUntilStale, EntryRequirement EntryRules, long Version = 0, Domain.Scoring.Grade? MinimumGrade = null)
{
    public bool IsLost => Key == StageKeys.Lost;

    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>A card on the board: everything the card shows, plus the version it was read at.</summary>
public sealed record DealCard(
    int Id, string Name, int AccountId, string AccountName, string? AccountEnglishName, decimal? Amount, string Currency,
    string OwnerId, string OwnerName, int? TeamId, string StageKey, DateTime EnteredStageAtUtc, string? NextStep,
    DateOnly? NextStepDueDate, DateOnly? ExpectedCloseDate, int? ProbabilityOverride, long Version,
    string? HandoffPushbackReason = null, int? DunningLevel = null, int PlanLines = 0, int PlanPaidLines = 0, decimal PlanCollected = 0m,
    decimal ContractAmount = 0m, Domain.Scoring.Grade? Grade = null, int? Score = null, DateTime? LastFollowUpAtUtc = null)
{
    /// <summary>The contract's payment plan as the card shows it (instalments paid, share collected); null without a contract.</summary>
    public Contracts.PlanProgress? Plan => PlanLines == 0 ? null
        : new(PlanPaidLines, PlanLines, ContractAmount == 0 ? 0 : Math.Min(1m, PlanCollected / ContractAmount));

    public string OwnerInitials => Initials(OwnerName);

    public int DaysInStage(DateTime nowUtc) => DealClock.DaysInStage(EnteredStageAtUtc, nowUtc);

    public bool IsStale(BoardStage stage, DateTime nowUtc) => DealClock.IsStale(stage.DaysUntilStale, EnteredStageAtUtc, LastFollowUpAtUtc, nowUtc);

    /// <summary>Whole days since the last follow-up (null: none logged).</summary>
    public int? DaysSinceFollowUp(DateTime nowUtc) => LastFollowUpAtUtc is { } at ? Math.Max(0, (int)(nowUtc - at).TotalDays) : null;

    public bool IsNextStepOverdue(DateOnly today) => DealClock.IsOverdue(NextStepDueDate, today);

    public decimal Weighted(BoardStage stage) => DealClock.Weighted(Amount, ProbabilityOverride ?? stage.Probability);

    /// <summary>"王芳 Wang Fang" → "王芳"; "Wang Fang" → "WF".</summary>
    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = parts.FirstOrDefault() ?? "?";
        if (first.Any(c => c > 0x2E80))
        {
            return first.Length > 2 ? first[..2] : first;
        }

        return string.Concat(parts.Take(2).Select(p => char.ToUpperInvariant(p[0])));
    }
}

/// <summary>One line of a deal's timeline (from the audit log).</summary>
public sealed record TimelineEntry(DateTime AtUtc, string ActorName, string Field, string? OldValue, string? NewValue);

public sealed record DealDetails(DealCard Card, bool CanEdit, int? QualificationScore, string? LossReason, IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>The reader may see the deal's quotes, contract and plan.</summary>
    public bool CanReadDocuments { get; init; }

    /// <summary>The owner's forecast category (commit, best case, pipeline, omitted).</summary>
    public ForecastCategory Forecast { get; init; }

    /// <summary>The reader may write its quotes and create its contract (its owner, their manager, Admin).</summary>
    public bool CanSellDocuments { get; init; }

    /// <summary>The reader may see the deal's customer (its page, contacts and follow-ups).</summary>
    public bool CanReadCustomer { get; init; }
}

/// <summary>Sums for a column header.</summary>
public sealed record ColumnTotals(int Count, decimal Amount, decimal Weighted)
{
    public static ColumnTotals Of(BoardStage stage, IEnumerable<DealCard> cards)
    {
        var list = cards.ToList();
        return new ColumnTotals(list.Count, list.Sum(c => c.Amount ?? 0m), list.Sum(c => c.Weighted(stage)));
    }

    public bool OverWip(BoardStage stage) => stage.WipLimit is { } limit && Count > limit;
}
