using System.Globalization;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Documents;

/// <summary>
/// Yearly numbering of documents: INV-2026-00001, Q-2026-00001, CT-2026-00001. The next number is the
/// highest of the year plus one; a unique index on the number makes two people taking the same one at
/// the same moment fail, and the caller takes the next (<see cref="Retry.UniqueAsync{T}"/>).
/// </summary>
public static class DocumentNumbers
{
    public const string Invoice = "INV";
    public const string Quote = "Q";
    public const string Contract = "CT";

    public static async Task<string> NextAsync(LtcHubDbContext db, string kind, int year, CancellationToken cancellationToken = default)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{kind}-{year}-");
        var numbers = kind switch
        {
            Invoice => db.Invoices.Select(i => i.Number),
            Quote => db.Quotes.Select(q => q.Number),
            Contract => db.Contracts.Select(c => c.Number),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var last = await numbers.Where(n => n.StartsWith(prefix)).OrderByDescending(n => n).FirstOrDefaultAsync(cancellationToken);
        var next = last is not null && int.TryParse(last[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{next:D5}");
    }
}

public static class Retry
{
    /// <summary>
    /// Runs <paramref name="attempt"/> again (with a fresh context) when it failed on a unique index —
    /// someone took the same number, or saved the same thing, a moment earlier.
    /// </summary>
    public static async Task<T> UniqueAsync<T>(Func<Task<T>> attempt, int times = 5)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException e) when (i < times && e is not DbUpdateConcurrencyException)
            {
            }
        }
    }
}
