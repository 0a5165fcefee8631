using LtcHub.Domain.Accounts;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>What was typed into a lead, account or contact form, to check before it is saved.</summary>
public sealed record DuplicateProbe(string? Company, string? Phone, string? Email, int? ExceptAccountId = null);

public enum DuplicateKind
{
    Company,
    Phone,
    Email,
}

/// <summary>
/// One match: what matched, and who has the company — the owner's name, or "in the pool" — and nothing more
/// unless the person may see the account (then its id, for a link).
/// </summary>
public sealed record DuplicateMatch(DuplicateKind Kind, string? OwnerName, bool InPool, int? VisibleAccountId, string? VisibleName, bool Blocks);

/// <summary>
/// The duplicate check (查重): the same company (by <see cref="Matching.CompanyKey"/>), phone or e-mail
/// across accounts and contacts (a lead's company is an account). Admin sets per check whether a match
/// blocks the save or only warns.
/// </summary>
public sealed class DuplicateCheck(IDbContextFactory<LtcHubDbContext> contexts)
{
    public async Task<IReadOnlyList<DuplicateMatch>> CheckAsync(Actor actor, DuplicateProbe probe, CancellationToken cancellationToken = default)
    {
        var (company, phone, email) = (string.IsNullOrWhiteSpace(probe.Company) ? null : Matching.CompanyKey(probe.Company),
            Matching.PhoneKey(probe.Phone), Matching.EmailKey(probe.Email));
        if (company is null or { Length: < 2 } && phone is null && email is null)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.DuplicateRules.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? DuplicateRules.Default();
        var live = db.Accounts.AsNoTracking().Where(a => a.MergedIntoId == null && a.Id != (probe.ExceptAccountId ?? 0));
        var hits = new List<(DuplicateKind Kind, int AccountId)>();
        if (company is { Length: >= 2 })
        {
            hits.AddRange((await live.Where(a => a.NameKey == company).Select(a => a.Id).Take(5).ToListAsync(cancellationToken))
                .Select(id => (DuplicateKind.Company, id)));
        }

        if (phone is not null)
        {
            hits.AddRange((await db.Contacts.AsNoTracking().Where(c => c.PhoneKey == phone && live.Any(a => a.Id == c.AccountId))
                .Select(c => c.AccountId).Distinct().Take(5).ToListAsync(cancellationToken)).Select(id => (DuplicateKind.Phone, id)));
        }

        if (email is not null)
        {
            hits.AddRange((await db.Contacts.AsNoTracking().Where(c => c.EmailKey == email && live.Any(a => a.Id == c.AccountId))
                .Select(c => c.AccountId).Distinct().Take(5).ToListAsync(cancellationToken)).Select(id => (DuplicateKind.Email, id)));
        }

        var ids = hits.Select(h => h.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var ownerIds = accounts.Values.Select(a => a.OwnerId).OfType<string>().Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var dealsOwned = (await db.Deals.Where(d => ids.Contains(d.AccountId) && d.OwnerId == actor.UserId).Select(d => d.AccountId).ToListAsync(cancellationToken))
            .ToHashSet();
        return hits.Select(h =>
        {
            var account = accounts[h.AccountId];
            var visible = AccountPolicy.CanSee(actor, account, dealsOwned.Contains(account.Id));
            var mode = h.Kind switch { DuplicateKind.Company => rules.Company, DuplicateKind.Phone => rules.Phone, _ => rules.Email };
            return new DuplicateMatch(h.Kind, account.OwnerId is { } o ? owners.GetValueOrDefault(o) : null, account.InPool,
                visible ? account.Id : null, visible ? account.Name : null, mode == DuplicateMode.Block);
        }).ToList();
    }
}
