namespace LtcHub.Web.Components.Pages.Reports;

/// <summary>A click on a figure: what it is called and the deals behind it.</summary>
public sealed record DrillRequest(string Title, IReadOnlyList<int> Deals);
