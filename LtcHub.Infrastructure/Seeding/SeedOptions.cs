namespace LtcHub.Infrastructure.Seeding;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    /// <summary>Fill an empty database with the demo company (true in Development only).</summary>
    public bool DemoData { get; set; }

    /// <summary>How many demo deals (spread over the stages like the default 200); the benchmark seeds 100 and 1,000.</summary>
    public int DemoDealCount { get; set; } = Seeding.DemoData.DefaultDealCount;

    /// <summary>Optional first administrator for a real installation (created once, when no user exists).</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
