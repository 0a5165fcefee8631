using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Pipeline;

public enum BoardScope
{
    All,
    Mine,
    MyTeam,
}

/// <summary>A person's view of the board. Applied to every card, including the ones that arrive live.</summary>
public sealed record BoardFilter(
    BoardScope Scope = BoardScope.All, string? OwnerId = null, decimal? MinAmount = null, decimal? MaxAmount = null,
    string? Text = null)
{
    public static BoardFilter Everything { get; } = new();

    public bool Matches(DealCard card, Actor viewer) =>
        Scope switch
        {
            BoardScope.Mine => card.OwnerId == viewer.UserId,
            BoardScope.MyTeam => card.TeamId is { } team && (team == viewer.TeamId || viewer.Manages(team)),
            _ => true,
        }
        && (OwnerId is null || card.OwnerId == OwnerId)
        && (MinAmount is null || (card.Amount ?? 0m) >= MinAmount)
        && (MaxAmount is null || (card.Amount ?? 0m) <= MaxAmount)
        && (string.IsNullOrWhiteSpace(Text) || Contains(card.Name, Text) || Contains(card.AccountName, Text)
            || Contains(card.AccountEnglishName, Text) || Contains(card.OwnerName, Text));

    private static bool Contains(string? value, string text) =>
        value is not null && value.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase);
}
