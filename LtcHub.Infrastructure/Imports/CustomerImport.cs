using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;
using F = LtcHub.Infrastructure.Imports.ImportFields;

namespace LtcHub.Infrastructure.Imports;

/// <summary>
/// Leads, customers and contacts, row by row, under the rules of the lead form and the customer page: the company's
/// and contact's fields checked by the entities, the owner one the importer may give work to, the duplicate check on
/// normalized names, phones and e-mails (a match names only who has the company), and the import's duplicate policy.
/// Every value of a row is read and checked before anything is changed, so a refused row changes nothing.
/// </summary>
internal static class CustomerImport
{
    public static async Task<RowOutcome> LeadAsync(ImportBatch b, ImportRow row)
    {
        var company = row.Text(F.Company);
        var contact = Contact(row);
        var source = row.Choice(F.Source, ImportChoices.Sources) ?? LeadSource.Other;
        var campaign = Campaign(b, row);
        var (ownerId, teamId) = Owner(b, row);
        var amount = row.Decimal(F.Amount);
        var currency = ImportChoices.Currency(row.Text(F.Currency)) ?? Money.DefaultCurrency;
        var need = row.Text(F.Need);
        var notes = Text.Optional(row.Text(F.Notes), FollowUp.ContentMaxLength, "Import.Field.notes");
        var first = await ImportStages.FirstAsync(b);
        _ = new Deal(DealName(company ?? "", need), 0, ownerId, teamId, first, amount, currency, null, b.Now); // the deal's rules, before anything changes

        KnownAccount target;
        var outcome = RowOutcome.Created;
        if (b.Lookups.Match(company, contact?.Phone, contact?.Email) is { } match && await DuplicateAsync(b, row, match) is { } decided)
        {
            if (decided.Outcome == RowOutcome.Skipped)
            {
                return RowOutcome.Skipped;
            }

            var account = decided.Account!;
            if (account.InPool)
            {
                throw new DomainException("Error.InPoolClaimFirst");
            }

            account.CameFrom(source, campaign);
            AddContact(b, row, match.Account, account, contact);
            target = match.Account;
            company = account.Name;
        }
        else
        {
            var account = new Account(company ?? "", null, null, null, Languages.Chinese, b.Now);
            account.AssignTo(ownerId, teamId, b.Now);
            account.CameFrom(source, campaign);
            if (contact is { } c)
            {
                account.AddContact(c.Name, c.Email, c.Phone, c.Title);
            }

            b.Add(account);
            target = b.Lookups.Remember(account, contact?.Phone, contact?.Email);
            b.Made(row.Number, Account.EntityType, () => account.Id, () => account.Version);
        }

        var name = DealName(company!, need);
        b.AfterSave.Add(() =>
        {
            var deal = new Deal(name, target.Id, ownerId, teamId, first, amount, currency, null, b.Now);
            b.Add(deal);
            b.Made(row.Number, Deal.EntityType, () => deal.Id, () => deal.Version);
            b.Audits.Add(() => new AuditEntry(b.Now, b.Actor.UserId, b.Actor.DisplayName, Deal.EntityType, deal.Id.ToString(CultureInfo.InvariantCulture),
                DealFields.Stage, null, first.Key));
            if (notes is not null)
            {
                b.Audits.Add(() =>
                {
                    b.Db.FollowUps.Add(new FollowUp(target.Id, deal.Id, null, FollowUpKind.Other, notes, b.Now, null, b.Actor.UserId, b.Actor.DisplayName,
                        b.Now, CompanyTime.Today(b.Now)));
                    return new AuditEntry(b.Now, b.Actor.UserId, b.Actor.DisplayName, Deal.EntityType, deal.Id.ToString(CultureInfo.InvariantCulture),
                        "FollowUp", null, Text.Truncate(notes, 1000));
                });
            }

            return Task.CompletedTask;
        });
        b.DealsChanged = true;
        return outcome;
    }

    public static async Task<RowOutcome> AccountAsync(ImportBatch b, ImportRow row)
    {
        var company = row.Text(F.Company);
        var contact = Contact(row);
        var (ownerId, teamId) = Owner(b, row);
        var level = row.Choice(F.Level, ImportChoices.Levels);
        var size = row.Choice(F.Size, ImportChoices.Sizes);
        if (b.Lookups.Match(company, contact?.Phone, contact?.Email) is { } match && await DuplicateAsync(b, row, match) is { } decided)
        {
            if (decided.Outcome == RowOutcome.Skipped)
            {
                return RowOutcome.Skipped;
            }

            var account = decided.Account!;
            var profile = new AccountProfile(account.Name, row.Text(F.EnglishName) ?? account.EnglishName, row.Text(F.Industry) ?? account.Industry,
                row.Text(F.City) ?? account.City, account.PreferredCulture, level ?? account.Level, size ?? account.Size);
            var before = Snapshot(account);
            new Account(profile.Name, null, null, null, Languages.Chinese, b.Now).SetProfile(profile); // checked before it changes the real one
            account.SetProfile(profile);
            AddContact(b, row, match.Account, account, contact);
            b.Changed(row.Number, Account.EntityType, () => account.Id, () => account.Version, before);
            return RowOutcome.Updated;
        }

        var made = new Account(company ?? "", null, null, null, Languages.Chinese, b.Now);
        made.SetProfile(new AccountProfile(made.Name, row.Text(F.EnglishName), row.Text(F.Industry), row.Text(F.City), Languages.Chinese,
            level ?? CustomerLevel.C, size ?? SizeBand.Unknown));
        made.AssignTo(ownerId, teamId, b.Now);
        if (contact is { } c)
        {
            made.AddContact(c.Name, c.Email, c.Phone, c.Title);
        }

        b.Add(made);
        b.Lookups.Remember(made, contact?.Phone, contact?.Email);
        b.Made(row.Number, Account.EntityType, () => made.Id, () => made.Version);
        return RowOutcome.Created;
    }

    public static async Task<RowOutcome> ContactAsync(ImportBatch b, ImportRow row)
    {
        var company = row.Text(F.Company) ?? throw new DomainException("Error.Required", "Import.Field.company");
        var contact = Contact(row) ?? throw new DomainException("Error.Required", "Field.ContactName");
        if (!b.Lookups.AccountsByName.TryGetValue(Matching.CompanyKey(company), out var known))
        {
            throw new DomainException("Error.ImportAccountUnknown", company);
        }

        var account = await EditableAsync(b, known);
        var existing = account.Contacts.FirstOrDefault(x => (x.PhoneKey is { } p && p == Matching.PhoneKey(contact.Phone))
            || (x.EmailKey is { } e && e == Matching.EmailKey(contact.Email)));
        var elsewhere = existing is null ? b.Lookups.Match(null, contact.Phone, contact.Email) : null;
        if (existing is not null || elsewhere is not null)
        {
            switch (b.Run.Policy)
            {
                case DuplicatePolicy.Skip:
                    return b.Skip(row.Number, "Import.DuplicateContact", company);
                case DuplicatePolicy.Update when existing is not null:
                    var before = new { existing.Name, existing.Title, existing.Email, existing.Phone };
                    account.EditContact(existing.Id, contact.Name, contact.Email ?? existing.Email, contact.Phone ?? existing.Phone, contact.Title ?? existing.Title);
                    b.Changed(row.Number, Account.EntityType, () => account.Id, () => account.Version, Snapshot(account) with { Contact = (existing.Id, before.Name, before.Email, before.Phone, before.Title) });
                    return RowOutcome.Updated;
                case DuplicatePolicy.Update:
                    throw Owned(b, elsewhere!.Value.Account);
                default:
                    if (elsewhere is { } other && b.Lookups.Blocks(other.Kind))
                    {
                        throw Owned(b, other.Account);
                    }

                    break;
            }
        }

        var made = account.AddContact(contact.Name, contact.Email, contact.Phone, contact.Title);
        b.Lookups.RememberContact(known, contact.Phone, contact.Email);
        b.Made(row.Number, nameof(Domain.Accounts.Contact), () => made.Id, () => 0);
        return RowOutcome.Created;
    }

    /// <summary>The account a match points at, loaded to change, after the duplicate policy; null when the row makes a new one.</summary>
    private static async Task<(RowOutcome Outcome, Account? Account)?> DuplicateAsync(ImportBatch b, ImportRow row, (KnownAccount Account, DuplicateKind Kind) match)
    {
        switch (b.Run.Policy)
        {
            case DuplicatePolicy.Skip:
                return (b.Skip(row.Number, "Import.Duplicate", OwnerLabel(b, match.Account)), null);
            case DuplicatePolicy.Update:
                return (RowOutcome.Updated, await EditableAsync(b, match.Account));
            default:
                return b.Lookups.Blocks(match.Kind) ? throw Owned(b, match.Account) : null;
        }
    }

    /// <summary>A company the importer may change; one they may not is named only by who has it (as the lead form does).</summary>
    private static async Task<Account> EditableAsync(ImportBatch b, KnownAccount known)
    {
        var account = known.Made ?? await b.Db.Accounts.Include(a => a.Contacts).SingleAsync(a => a.Id == known.Id);
        return AccountPolicy.CanEdit(b.Actor, account) || known.Made is not null ? account : throw Owned(b, known);
    }

    private static DomainException Owned(ImportBatch b, KnownAccount known) => known.OwnerId is { } owner
        ? new DomainException("Error.DuplicateOwned", b.Lookups.OwnerNames.GetValueOrDefault(owner, "?"))
        : new DomainException("Error.DuplicateInPool");

    private static string OwnerLabel(ImportBatch b, KnownAccount known) =>
        known.OwnerId is { } owner ? b.Lookups.OwnerNames.GetValueOrDefault(owner, "?") : "-";

    private static void AddContact(ImportBatch b, ImportRow row, KnownAccount known, Account account, (string Name, string? Email, string? Phone, string? Title)? contact)
    {
        if (contact is not { } c || account.Contacts.Any(x => (x.PhoneKey is { } p && p == Matching.PhoneKey(c.Phone))
                || (x.EmailKey is { } e && e == Matching.EmailKey(c.Email))))
        {
            return;
        }

        var made = account.AddContact(c.Name, c.Email, c.Phone, c.Title);
        b.Lookups.RememberContact(known, c.Phone, c.Email);
        b.Made(row.Number, nameof(Domain.Accounts.Contact), () => made.Id, () => 0);
    }

    /// <summary>The row's contact, checked; null when it names none (a phone or e-mail without a name is refused, not dropped).</summary>
    private static (string Name, string? Email, string? Phone, string? Title)? Contact(ImportRow row) =>
        row.Text(F.ContactName) is null && row.Text(F.Phone) is null && row.Text(F.Email) is null && row.Text(F.Title) is null
            ? null
            : Domain.Accounts.Contact.Validate(row.Text(F.ContactName), row.Text(F.Email), row.Text(F.Phone), row.Text(F.Title));

    private static int? Campaign(ImportBatch b, ImportRow row) => row.Text(F.Campaign) is not { } name ? null
        : b.Lookups.Campaigns.TryGetValue(F.Normalize(name), out var id) ? id
        : throw new DomainException("Error.ImportChoice", "Import.Field.campaign", name);

    /// <summary>The owner a row names (e-mail or name), or the importer; one the importer may give work to.</summary>
    public static (string Id, int? TeamId) Owner(ImportBatch b, ImportRow row)
    {
        var (id, team) = row.Text(F.Owner) is { } name
            ? b.Lookups.Users.TryGetValue(name, out var user) ? (user.Id, user.TeamId) : throw new DomainException("Error.ImportOwnerUnknown", name)
            : (b.Actor.UserId, b.Actor.TeamId);
        return PipelinePolicy.CanCreate(b.Actor, id, team) ? (id, team) : throw new ForbiddenException("Error.ImportOwnerForbidden", row.Text(F.Owner) ?? "");
    }

    private static string DealName(string company, string? need) =>
        Text.Truncate(string.IsNullOrWhiteSpace(need) ? company : $"{company} · {need.Trim()}", Deal.NameMaxLength);

    /// <summary>A company as undo puts it back.</summary>
    public static AccountSnapshot Snapshot(Account a) => new(a.Name, a.EnglishName, a.Industry, a.City, a.PreferredCulture, a.Level, a.Size, null);
}

/// <summary>A company's profile (and, for a contact's update, that contact) as it was before an import changed it.</summary>
public sealed record AccountSnapshot(string Name, string? EnglishName, string? Industry, string? City, string Culture, CustomerLevel Level, SizeBand Size,
    (int Id, string Name, string? Email, string? Phone, string? Title)? Contact);

/// <summary>The pipeline's stages as this batch's context tracks them (a new deal must point at a stage of the same context).</summary>
internal static class ImportStages
{
    public static async Task<Stage> FirstAsync(ImportBatch b) =>
        (await AllAsync(b)).Values.Where(s => s.Key != StageKeys.Lost).OrderBy(s => s.Order).ThenBy(s => s.Id).First();

    public static async Task<Stage> ByKeyAsync(ImportBatch b, string key) => (await AllAsync(b))[key];

    private static async Task<Dictionary<string, Stage>> AllAsync(ImportBatch b)
    {
        if (b.Stages.Count == 0)
        {
            foreach (var stage in await b.Db.Stages.ToListAsync())
            {
                b.Stages[stage.Key] = stage;
            }
        }

        return b.Stages;
    }
}
