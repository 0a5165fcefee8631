namespace LtcHub.Domain.Pipeline;

/// <summary>The editable fields of a deal, as the drawer submits them (<see cref="Forecast"/> null: unchanged).</summary>
public sealed record DealEdit(
    string Name,
    decimal? Amount,
    string Currency,
    DateOnly? ExpectedCloseDate,
    string? NextStep,
    DateOnly? NextStepDueDate,
    int? ProbabilityOverride,
    ForecastCategory? Forecast = null);
