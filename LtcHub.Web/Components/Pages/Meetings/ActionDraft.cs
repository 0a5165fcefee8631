namespace LtcHub.Web.Components.Pages.Meetings;

/// <summary>An action item being written in the room.</summary>
public sealed class ActionDraft
{
    public int? DealId { get; set; }

    public string Text { get; set; } = "";

    public string? OwnerId { get; set; }

    public DateOnly? DueDate { get; set; }
}
