using LtcHub.Domain.Accounts;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Seeding;

/// <summary>
/// The duplicate check's keys for rows written before it existed: the migration cannot compute them in SQL
/// (they are C#, <see cref="Matching"/>), so the first start after it fills them in, once.
/// </summary>
public static class MatchingKeys
{
    public static async Task BackfillAsync(LtcHubDbContext db, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.Where(a => a.NameKey == "").ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            db.Entry(account).Property(a => a.NameKey).CurrentValue = Matching.CompanyKey(account.Name);
        }

        var contacts = await db.Contacts.Where(c => (c.Phone != null && c.PhoneKey == null) || (c.Email != null && c.EmailKey == null))
            .ToListAsync(cancellationToken);
        foreach (var contact in contacts)
        {
            db.Entry(contact).Property(c => c.PhoneKey).CurrentValue = Matching.PhoneKey(contact.Phone);
            db.Entry(contact).Property(c => c.EmailKey).CurrentValue = Matching.EmailKey(contact.Email);
        }

        if (accounts.Count + contacts.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
