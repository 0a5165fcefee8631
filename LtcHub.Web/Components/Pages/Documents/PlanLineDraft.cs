using LtcHub.Domain.Contracts;

namespace LtcHub.Web.Components.Pages.Documents;

/// <summary>An instalment being typed: a due date and an amount, or a share of the contract in percent.</summary>
public sealed class PlanLineDraft
{
    public DateTime? DueDate { get; set; }

    public bool ByPercent { get; set; } = true;

    public decimal? Value { get; set; }

    /// <summary>Already invoiced: shown, never changed.</summary>
    public bool Locked { get; init; }

    public decimal AmountOf(decimal contractAmount) =>
        Value is not { } value ? 0m : ByPercent ? decimal.Round(contractAmount * value / 100m, 2, MidpointRounding.AwayFromZero) : value;

    public PlanLineInput ToInput() =>
        new(DateOnly.FromDateTime(DueDate ?? throw new Domain.Common.DomainException("Error.Required", "Field.DueDate")),
            ByPercent ? null : Value ?? throw new Domain.Common.DomainException("Error.Required", "Field.Amount"),
            ByPercent ? Value ?? throw new Domain.Common.DomainException("Error.Required", "Field.PlanPercent") : null);
}
