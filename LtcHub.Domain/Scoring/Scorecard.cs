using LtcHub.Domain.Common;

namespace LtcHub.Domain.Scoring;

/// <summary>What the rep judges, 0–5 each, with a short reason.</summary>
public sealed record Rating(int Value, string? Note)
{
    public const int NoteMaxLength = 300;

    public Rating Valid(string field) =>
        Value is >= 0 and <= 5
            ? this with { Note = Text.Optional(Note, NoteMaxLength, field) }
            : throw new DomainException("Error.RatingRange", field);
}

/// <summary>The rep's four ratings, and their comment on the computed cooperation history (which they cannot overwrite).</summary>
public sealed record ScorecardInput(Rating NeedFit, Rating Budget, Rating DecisionCycle, Rating Size, string? HistoryComment);

/// <summary>
/// A lead's qualification scorecard: the five criteria a good customer is judged by — need fit, budget,
/// decision cycle, size and potential (rated by the rep), cooperation history (computed from the
/// account's invoices) — their weighted total 0–100 and the grade it earns.
/// </summary>
public sealed class Scorecard
{
    public const string EntityType = "Scorecard";

    private Scorecard()
    {
    }

    public Scorecard(int dealId) => DealId = dealId;

    public int DealId { get; private set; }

    public int NeedFit { get; private set; }

    public string? NeedFitNote { get; private set; }

    public int Budget { get; private set; }

    public string? BudgetNote { get; private set; }

    public int DecisionCycle { get; private set; }

    public string? DecisionCycleNote { get; private set; }

    public int Size { get; private set; }

    public string? SizeNote { get; private set; }

    /// <summary>Criterion 5 as computed when scored (null: no history yet), and what it was computed from.</summary>
    public decimal? History { get; private set; }

    public int HistoryInvoices { get; private set; }

    public double? HistoryOnTimeShare { get; private set; }

    public double HistoryAverageDaysLate { get; private set; }

    public int HistoryOverdueNow { get; private set; }

    public string? HistoryComment { get; private set; }

    public int Total { get; private set; }

    public Grade Grade { get; private set; }

    public DateTime ScoredAtUtc { get; private set; }

    public string ScoredById { get; private set; } = "";

    public string ScoredByName { get; private set; } = "";

    public long Version { get; private set; }

    public ScorecardInput Input => new(new(NeedFit, NeedFitNote), new(Budget, BudgetNote), new(DecisionCycle, DecisionCycleNote),
        new(Size, SizeNote), HistoryComment);

    /// <summary>Scores (or re-scores) the lead; the total and grade follow from the settings of the day.</summary>
    public void Score(ScorecardInput input, PaymentHistory history, ScoringSettings settings, string byId, string byName, DateTime nowUtc)
    {
        var (need, budget, cycle, size) = (input.NeedFit.Valid("Score.NeedFit"), input.Budget.Valid("Score.Budget"),
            input.DecisionCycle.Valid("Score.DecisionCycle"), input.Size.Valid("Score.Size"));
        var comment = Text.Optional(input.HistoryComment, Rating.NoteMaxLength, "Score.History");
        var total = TotalOf(need.Value, budget.Value, cycle.Value, size.Value, history.Rating, settings.Weights);
        (NeedFit, NeedFitNote, Budget, BudgetNote, DecisionCycle, DecisionCycleNote, Size, SizeNote) =
            (need.Value, need.Note, budget.Value, budget.Note, cycle.Value, cycle.Note, size.Value, size.Note);
        (History, HistoryInvoices, HistoryOnTimeShare, HistoryAverageDaysLate, HistoryOverdueNow, HistoryComment) =
            (history.Rating, history.Invoices, history.OnTimeShare, history.AverageDaysLate, history.OverdueNow, comment);
        (Total, Grade, ScoredAtUtc, ScoredById, ScoredByName) = (total, settings.GradeOf(total), nowUtc, byId, byName);
        Version++;
    }

    /// <summary>
    /// The weighted total, 0–100: each rating's share of 5 times its weight, over the weights that apply. A
    /// customer with no history is judged on the other four alone (their weights scaled up), not marked down.
    /// </summary>
    public static int TotalOf(int needFit, int budget, int decisionCycle, int size, decimal? history, CriterionWeights weights)
    {
        var parts = new List<(decimal Rating, int Weight)>
        {
            (needFit, weights.NeedFit), (budget, weights.Budget), (decisionCycle, weights.DecisionCycle), (size, weights.Size),
        };
        if (history is { } h)
        {
            parts.Add((h, weights.History));
        }

        var weight = parts.Sum(p => p.Weight);
        return weight == 0 ? 0 : (int)Math.Round(parts.Sum(p => p.Rating / 5m * p.Weight) * 100m / weight, MidpointRounding.AwayFromZero);
    }
}
