namespace LtcHub.Infrastructure.Seeding;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    /// <summary>Fill an empty database with the demo company (true in Development only).</summary>
    public bool DemoData { get; set; }

    /// <summary>Optional first administrator for a real installation (created once, when no user exists).</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
