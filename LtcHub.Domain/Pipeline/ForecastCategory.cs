namespace LtcHub.Domain.Pipeline;

/// <summary>How sure a deal's owner is that it closes in its expected month (the forecast report groups by it).</summary>
public enum ForecastCategory
{
    Pipeline = 0,
    BestCase = 1,
    Commit = 2,
    Omitted = 3,
}
