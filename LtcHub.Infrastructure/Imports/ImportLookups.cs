using LtcHub.Domain.Accounts;
using LtcHub.Domain.Catalog;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Imports;

/// <summary>A company the import knows of: one already stored (by id), or one this import made (its entity, saved or not yet).</summary>
public sealed class KnownAccount(int id, string? ownerId, int? teamId, Account? made = null)
{
    public int Id => Made?.Id ?? id;

    public string? OwnerId { get; } = ownerId;

    public int? TeamId { get; } = teamId;

    public Account? Made { get; } = made;
}

/// <summary>
/// What the duplicate check and the references of a whole import need, read once (set-based, not a query per row) and
/// kept current as rows are taken, so two rows of one file for the same company are a duplicate too.
/// </summary>
public sealed class ImportLookups
{
    public Dictionary<string, KnownAccount> AccountsByName { get; } = [];

    public Dictionary<string, KnownAccount> AccountsByPhone { get; } = [];

    public Dictionary<string, KnownAccount> AccountsByEmail { get; } = [];

    public Dictionary<string, (string Id, int? TeamId, string Name)> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> OwnerNames { get; } = [];

    public Dictionary<string, int> Campaigns { get; } = [];

    public Dictionary<string, string> Stages { get; } = [];

    public Dictionary<string, (int Id, Product? Made)> Products { get; } = [];

    public HashSet<string> InvoiceNumbers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<(int AccountId, string Name), int> Deals { get; } = [];

    /// <summary>What each deal already has invoiced, this import's invoices included.</summary>
    public Dictionary<int, decimal> Invoiced { get; } = [];

    public DuplicateRules Rules { get; private set; } = DuplicateRules.Default();

    public static async Task<ImportLookups> LoadAsync(LtcHubDbContext db, ImportKind kind, CancellationToken cancellationToken)
    {
        var lookups = new ImportLookups { Rules = await db.DuplicateRules.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? DuplicateRules.Default() };
        foreach (var a in await db.Accounts.AsNoTracking().Where(a => a.MergedIntoId == null)
                     .Select(a => new { a.Id, a.NameKey, a.OwnerId, a.TeamId }).ToListAsync(cancellationToken))
        {
            lookups.AccountsByName.TryAdd(a.NameKey, new KnownAccount(a.Id, a.OwnerId, a.TeamId));
        }

        var byId = lookups.AccountsByName.Values.ToDictionary(a => a.Id);
        foreach (var c in await db.Contacts.AsNoTracking().Select(c => new { c.AccountId, c.PhoneKey, c.EmailKey }).ToListAsync(cancellationToken))
        {
            if (byId.TryGetValue(c.AccountId, out var account))
            {
                if (c.PhoneKey is { } phone)
                {
                    lookups.AccountsByPhone.TryAdd(phone, account);
                }

                if (c.EmailKey is { } email)
                {
                    lookups.AccountsByEmail.TryAdd(email, account);
                }
            }
        }

        foreach (var u in await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.DisplayName, u.TeamId }).ToListAsync(cancellationToken))
        {
            lookups.OwnerNames[u.Id] = u.DisplayName;
            if (u.Email is { } email)
            {
                lookups.Users.TryAdd(email, (u.Id, u.TeamId, u.DisplayName));
            }

            lookups.Users.TryAdd(u.DisplayName, (u.Id, u.TeamId, u.DisplayName));
        }

        foreach (var c in await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            lookups.Campaigns.TryAdd(ImportFields.Normalize(c.Name), c.Id);
        }

        foreach (var s in await db.Stages.AsNoTracking().Select(s => new { s.Key, s.NameZh, s.NameEn }).ToListAsync(cancellationToken))
        {
            foreach (var name in new[] { s.Key, s.NameZh, s.NameEn })
            {
                lookups.Stages.TryAdd(ImportFields.Normalize(name), s.Key);
            }
        }

        if (kind == ImportKind.Products)
        {
            foreach (var p in await db.Products.AsNoTracking().Select(p => new { p.Id, p.NameZh }).ToListAsync(cancellationToken))
            {
                lookups.Products.TryAdd(ImportFields.Normalize(p.NameZh), (p.Id, null));
            }
        }

        if (kind is ImportKind.Invoices or ImportKind.Deals)
        {
            lookups.InvoiceNumbers.UnionWith(await db.Invoices.AsNoTracking().Select(i => i.Number).ToListAsync(cancellationToken));
            foreach (var d in await db.Deals.AsNoTracking().Select(d => new { d.Id, d.AccountId, d.Name }).ToListAsync(cancellationToken))
            {
                lookups.Deals.TryAdd((d.AccountId, ImportFields.Normalize(d.Name)), d.Id);
            }
        }

        return lookups;
    }

    /// <summary>The company a row names (by name, else by its contact's phone or e-mail), and by what it matched.</summary>
    public (KnownAccount Account, DuplicateKind Kind)? Match(string? company, string? phone, string? email)
    {
        if (company is not null && AccountsByName.TryGetValue(Matching.CompanyKey(company), out var byName))
        {
            return (byName, DuplicateKind.Company);
        }

        if (Matching.PhoneKey(phone) is { } p && AccountsByPhone.TryGetValue(p, out var byPhone))
        {
            return (byPhone, DuplicateKind.Phone);
        }

        return Matching.EmailKey(email) is { } e && AccountsByEmail.TryGetValue(e, out var byEmail) ? (byEmail, DuplicateKind.Email) : null;
    }

    public bool Blocks(DuplicateKind kind) =>
        (kind switch { DuplicateKind.Company => Rules.Company, DuplicateKind.Phone => Rules.Phone, _ => Rules.Email }) == DuplicateMode.Block;

    /// <summary>Remembers a company this import made, and its contact's phone and e-mail.</summary>
    public KnownAccount Remember(Account account, string? phone, string? email)
    {
        var known = new KnownAccount(0, account.OwnerId, account.TeamId, account);
        AccountsByName.TryAdd(account.NameKey, known);
        RememberContact(known, phone, email);
        return known;
    }

    public void RememberContact(KnownAccount account, string? phone, string? email)
    {
        if (Matching.PhoneKey(phone) is { } p)
        {
            AccountsByPhone.TryAdd(p, account);
        }

        if (Matching.EmailKey(email) is { } e)
        {
            AccountsByEmail.TryAdd(e, account);
        }
    }
}
