namespace LtcHub.Domain.Pipeline;

/// <summary>The names a deal's audit lines give its fields: the timeline, the meeting's "since last time" and the reports read them.</summary>
public static class DealFields
{
    public const string Name = "Name";
    public const string Amount = "Amount";
    public const string Currency = "Currency";
    public const string ExpectedCloseDate = "ExpectedCloseDate";
    public const string NextStep = "NextStep";
    public const string NextStepDueDate = "NextStepDueDate";
    public const string QualificationScore = "QualificationScore";
    public const string Grade = "Grade";
    public const string Owner = "Owner";
    public const string LossReason = "LossReason";
    public const string ProbabilityOverride = "ProbabilityOverride";
    public const string OpsAccepted = "OpsAccepted";
    public const string HandoffPushback = "HandoffPushback";
    public const string Stage = "Stage";
    public const string Forecast = "Forecast";
}
