using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Accounts;

public sealed record AccountRef(int Id, string Name, string? EnglishName, string Culture)
{
    public string DisplayName(bool english) => english && EnglishName is not null ? EnglishName : Name;
}

/// <summary>Finding a customer by (part of) its name, in either language: the pickers of the deal, lead and merge forms — among those the person may see.</summary>
public sealed class AccountDirectory(IDbContextFactory<LtcHubDbContext> contexts)
{
    public async Task<IReadOnlyList<AccountRef>> SearchAsync(Domain.Teams.Actor actor, string? text, int take = 20)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var query = AccountAccess.Visible(db, actor).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(a => a.Name.Contains(t) || (a.EnglishName != null && a.EnglishName.Contains(t)));
        }

        return await query.OrderBy(a => a.Name).Take(take).Select(a => new AccountRef(a.Id, a.Name, a.EnglishName, a.PreferredCulture)).ToListAsync();
    }
}
