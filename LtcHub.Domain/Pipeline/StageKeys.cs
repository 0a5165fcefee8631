namespace LtcHub.Domain.Pipeline;

/// <summary>The stable keys of the default pipeline (used by rules, tests and <c>data-stage</c>).</summary>
public static class StageKeys
{
    public const string Lead = "lead";
    public const string Qualified = "qualified";
    public const string Proposal = "proposal";
    public const string Negotiation = "negotiation";
    public const string Won = "won";
    public const string Handoff = "handoff";
    public const string Delivery = "delivery";
    public const string Invoiced = "invoiced";
    public const string Paid = "paid";
    public const string Lost = "lost";
}
