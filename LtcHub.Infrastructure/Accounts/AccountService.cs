using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

public sealed record ContactDraft(string Name, string? Title, string? Email, string? Phone);

/// <summary>
/// Changing a customer: its profile and status, its contacts (each checked for duplicates), saved segments,
/// and Admin's merge of two accounts. Checked against the version the user saw, audited, announced.
/// </summary>
public sealed class AccountService(
    IDbContextFactory<LtcHubDbContext> contexts, DuplicateCheck duplicates, IBoardEvents events, TimeProvider time, ILogger<AccountService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task UpdateProfileAsync(Actor actor, int accountId, long expectedVersion, AccountProfile profile, AccountStatus status)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var account = await EditableAsync(db, actor, accountId, expectedVersion);
        var before = Describe(account);
        if (Matching.CompanyKey(profile.Name) != account.NameKey)
        {
            await RefuseBlockingAsync(actor, new DuplicateProbe(profile.Name, null, null, accountId));
        }

        account.SetProfile(profile);
        if (status != account.Status)
        {
            account.SetStatus(status);
        }

        Audit(db, actor, account.Id, "Profile", before, Describe(account));
        await SaveAsync(db, account);
        await TellAsync(actor, accountId, renamed: before != Describe(account));
    }

    public async Task<int> AddContactAsync(Actor actor, int accountId, long expectedVersion, ContactDraft draft)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var account = await EditableAsync(db, actor, accountId, expectedVersion);
        await RefuseBlockingAsync(actor, new DuplicateProbe(null, draft.Phone, draft.Email, accountId));
        var contact = account.AddContact(draft.Name, draft.Email, draft.Phone, draft.Title);
        Audit(db, actor, account.Id, "Contact", null, $"{contact.Name} {contact.Phone} {contact.Email}".Trim());
        await SaveAsync(db, account);
        await TellAsync(actor, accountId);
        return contact.Id;
    }

    public async Task EditContactAsync(Actor actor, int accountId, long expectedVersion, int contactId, ContactDraft draft)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var account = await EditableAsync(db, actor, accountId, expectedVersion);
        var contact = account.Contacts.SingleOrDefault(c => c.Id == contactId) ?? throw new NotFoundException();
        if (Matching.PhoneKey(draft.Phone) != contact.PhoneKey || Matching.EmailKey(draft.Email) != contact.EmailKey)
        {
            await RefuseBlockingAsync(actor, new DuplicateProbe(null, draft.Phone, draft.Email, accountId));
        }

        var before = $"{contact.Name} {contact.Phone} {contact.Email}".Trim();
        account.EditContact(contactId, draft.Name, draft.Email, draft.Phone, draft.Title);
        Audit(db, actor, account.Id, "Contact", before, $"{contact.Name} {contact.Phone} {contact.Email}".Trim());
        await SaveAsync(db, account);
        await TellAsync(actor, accountId);
    }

    public async Task<int> SaveSegmentAsync(Actor actor, string name, AccountFilter filter)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var segment = new AccountSegment(actor.UserId, name, AccountReader.JsonOf(filter));
        if (await db.AccountSegments.AnyAsync(s => s.OwnerId == actor.UserId && s.Name == segment.Name))
        {
            throw new DomainException("Error.SegmentExists", segment.Name);
        }

        db.AccountSegments.Add(segment);
        await db.SaveChangesAsync();
        return segment.Id;
    }

    public async Task DeleteSegmentAsync(Actor actor, int segmentId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.AccountSegments.Where(s => s.Id == segmentId && s.OwnerId == actor.UserId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Admin folds <paramref name="mergedId"/> into <paramref name="survivorId"/>: every deal, contact, invoice and
    /// follow-up moves to the survivor in one transaction; the merged account stays (hidden) for its history.
    /// </summary>
    public async Task MergeAsync(Actor actor, int survivorId, int mergedId)
    {
        if (!AccountPolicy.CanMerge(actor))
        {
            throw new ForbiddenException();
        }

        var now = Now;
        var moved = await contexts.InTransactionAsync(async db =>
        {
            var survivor = await db.Accounts.Include(a => a.Contacts).SingleOrDefaultAsync(a => a.Id == survivorId) ?? throw new NotFoundException("Error.AccountUnknown");
            var merged = await db.Accounts.Include(a => a.Contacts).SingleOrDefaultAsync(a => a.Id == mergedId) ?? throw new NotFoundException("Error.AccountUnknown");
            merged.MergeInto(survivor);
            survivor.FollowedUp(merged.LastFollowUpAtUtc ?? survivor.LastFollowUpAtUtc ?? survivor.CreatedAtUtc);
            var deals = await db.Deals.Where(d => d.AccountId == mergedId).Select(d => d.Id).ToListAsync();
            await db.Deals.Where(d => d.AccountId == mergedId)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.AccountId, survivorId).SetProperty(x => x.Version, x => x.Version + 1));
            await db.Invoices.Where(i => i.AccountId == mergedId).ExecuteUpdateAsync(i => i.SetProperty(x => x.AccountId, survivorId));
            await db.FollowUps.Where(f => f.AccountId == mergedId).ExecuteUpdateAsync(f => f.SetProperty(x => x.AccountId, survivorId));
            foreach (var dealId in deals)
            {
                db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.DisplayName, Deal.EntityType, dealId.ToString(CultureInfo.InvariantCulture),
                    "Account", merged.Name, survivor.Name));
            }

            Audit(db, actor, survivorId, "Merge", $"#{mergedId} {merged.Name}", $"#{survivorId} {survivor.Name}");
            Audit(db, actor, mergedId, "Merge", $"#{mergedId} {merged.Name}", $"#{survivorId} {survivor.Name}");
            await db.SaveChangesAsync();
            return deals;
        });
        logger.LogInformation("Account {Merged} merged into {Survivor} by {UserId} ({Deals} deals moved)", mergedId, survivorId, actor.UserId, moved.Count);
        await using var read = await contexts.CreateDbContextAsync();
        foreach (var dealId in moved)
        {
            await events.PublishAsync(new DealEdited(await BoardReader.CardAsync(read, dealId), actor.UserId, actor.DisplayName));
        }

        await events.PublishAsync(new AccountChanged(survivorId, actor.DisplayName));
        await events.PublishAsync(new AccountChanged(mergedId, actor.DisplayName));
    }

    private async Task<Account> EditableAsync(LtcHubDbContext db, Actor actor, int accountId, long expectedVersion)
    {
        var account = await AccountAccess.LoadAsync(db, actor, accountId, logger);
        if (!AccountPolicy.CanEdit(actor, account))
        {
            throw new ForbiddenException();
        }

        return account.Version == expectedVersion ? account : throw await ConflictAsync(db, account);
    }

    /// <summary>A match the admin made blocking stops the save, naming only who has the company.</summary>
    private async Task RefuseBlockingAsync(Actor actor, DuplicateProbe probe)
    {
        if ((await duplicates.CheckAsync(actor, probe)).FirstOrDefault(m => m.Blocks) is { } match)
        {
            throw match.InPool ? new DomainException("Error.DuplicateInPool") : new DomainException("Error.DuplicateOwned", match.OwnerName ?? "?");
        }
    }

    private static async Task<DomainException> ConflictAsync(LtcHubDbContext db, Account account)
    {
        var last = await db.HistoryOf(Account.EntityType, account.Id).Select(a => a.ActorName).FirstOrDefaultAsync();
        return new ConflictException("Error.AccountConflict", last, last ?? "?", account.Name);
    }

    private static async Task SaveAsync(LtcHubDbContext db, Account account)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ConflictAsync(db, account);
        }
    }

    private void Audit(LtcHubDbContext db, Actor actor, int accountId, string field, string? before, string? after) =>
        db.AuditEntries.Add(new AuditEntry(Now, actor.UserId, actor.DisplayName, Account.EntityType, accountId.ToString(CultureInfo.InvariantCulture),
            field, before is null ? null : Text.Truncate(before, 1000), after is null ? null : Text.Truncate(after, 1000)));

    private async Task TellAsync(Actor actor, int accountId, bool renamed = false)
    {
        if (renamed)
        {
            // Cards show the company's name.
            await using var db = await contexts.CreateDbContextAsync();
            foreach (var card in await BoardReader.Cards(db, q => q.Where(d => d.AccountId == accountId)).ToListAsync())
            {
                await events.PublishAsync(new CardRefreshed(card));
            }
        }

        await events.PublishAsync(new AccountChanged(accountId, actor.DisplayName));
    }

    private static string Describe(Account a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.Name} / {a.EnglishName}; {a.Industry}; {a.City}; {a.Level}; {a.Size}; {a.Status}; {a.PreferredCulture}");
}
