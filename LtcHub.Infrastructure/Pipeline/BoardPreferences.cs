using System.Text.Json;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Pipeline;

/// <summary>Each user's board filter, kept in their user row so it follows them across sessions and devices.</summary>
public sealed class BoardPreferences(IDbContextFactory<LtcHubDbContext> contexts, ILogger<BoardPreferences> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BoardFilter> FilterAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Users.Where(u => u.Id == userId).Select(u => u.BoardFilterJson).SingleOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(json))
        {
            return BoardFilter.Everything;
        }

        try
        {
            return JsonSerializer.Deserialize<BoardFilter>(json, Json) ?? BoardFilter.Everything;
        }
        catch (JsonException e)
        {
            // An unreadable saved filter must never keep someone off the board.
            logger.LogWarning(e, "Ignoring the unreadable saved board filter of {UserId}", userId);
            return BoardFilter.Everything;
        }
    }

    /// <summary>Saves the filter; a text too long to store is cut, never refused (it is a convenience, not data).</summary>
    public async Task SaveFilterAsync(string userId, BoardFilter filter, CancellationToken cancellationToken = default)
    {
        var kept = filter with { Text = filter.Text is { Length: > 200 } text ? text[..200] : filter.Text };
        var json = kept == BoardFilter.Everything ? null : JsonSerializer.Serialize(kept, Json);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.BoardFilterJson, json), cancellationToken);
    }
}
