using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>
/// A customer company (客户), with its Chinese and English names, its profile, its contacts, and who looks
/// after it (see <c>Account.Ownership.cs</c>: owner, team, the public pool, follow-ups).
/// </summary>
public sealed partial class Account
{
    public const string EntityType = "Account";
    public const int NameMaxLength = 200;

    private readonly List<Contact> _contacts = [];

    private Account()
    {
    }

    public Account(string name, string? englishName, string? industry, string? city, string preferredCulture, DateTime createdAtUtc)
    {
        SetProfile(new AccountProfile(name, englishName, industry, city, preferredCulture, CustomerLevel.C, SizeBand.Unknown));
        CreatedAtUtc = createdAtUtc;
        Version = 1;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The name as the duplicate check compares it (<see cref="Matching.CompanyKey"/>).</summary>
    public string NameKey { get; private set; } = "";

    public string? EnglishName { get; private set; }

    public string? Industry { get; private set; }

    /// <summary>The city or region the company sits in.</summary>
    public string? City { get; private set; }

    /// <summary>The language letters to this customer are written in (one of <see cref="Languages.All"/>).</summary>
    public string PreferredCulture { get; private set; } = Languages.Chinese;

    public CustomerLevel Level { get; private set; } = CustomerLevel.C;

    public SizeBand Size { get; private set; } = SizeBand.Unknown;

    public AccountStatus Status { get; private set; } = AccountStatus.Prospect;

    /// <summary>Where the company first came from (its first lead), and the campaign, if any.</summary>
    public LeadSource? Source { get; private set; }

    public int? CampaignId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Set when an admin merged this account into another: it is kept for its history, and shown nowhere.</summary>
    public int? MergedIntoId { get; private set; }

    /// <summary>App-managed optimistic concurrency token.</summary>
    public long Version { get; private set; }

    public IReadOnlyCollection<Contact> Contacts => _contacts;

    /// <summary>No dunning for this account until (and including) this date.</summary>
    public DateOnly? DunningPausedUntil { get; private set; }

    /// <summary>A dunning policy of its own; null means the default one.</summary>
    public int? DunningPolicyId { get; private set; }

    public void PauseDunning(DateOnly? until) => DunningPausedUntil = until is { } d ? Common.Dates.Valid(d, "Field.PausedUntil") : null;

    public void UseDunningPolicy(int? policyId) => DunningPolicyId = policyId;

    public Contact AddContact(string name, string? email, string? phone, string? title)
    {
        var contact = new Contact(name, email, phone, title);
        _contacts.Add(contact);
        Version++;
        return contact;
    }

    public Contact EditContact(int contactId, string name, string? email, string? phone, string? title)
    {
        var contact = _contacts.SingleOrDefault(c => c.Id == contactId) ?? throw new NotFoundException();
        contact.Edit(name, email, phone, title);
        Version++;
        return contact;
    }

    /// <summary>The name to show in a given UI language.</summary>
    public string DisplayName(bool english) => english && EnglishName is not null ? EnglishName : Name;

    /// <summary>Changes the profile (validated as a whole: nothing changes unless all of it is valid).</summary>
    public void SetProfile(AccountProfile profile)
    {
        var name = Text.Required(profile.Name, NameMaxLength, "Field.AccountName");
        var englishName = Text.Optional(profile.EnglishName, NameMaxLength, "Field.AccountEnglishName");
        var industry = Text.Optional(profile.Industry, 100, "Field.Industry");
        var city = Text.Optional(profile.City, 100, "Field.City");
        var culture = Languages.All.Contains(profile.PreferredCulture) ? profile.PreferredCulture : throw new DomainException("Error.CultureUnknown");
        if (!Enum.IsDefined(profile.Level) || !Enum.IsDefined(profile.Size))
        {
            throw new DomainException("Error.NotFound");
        }

        (Name, NameKey, EnglishName, Industry, City, PreferredCulture, Level, Size) =
            (name, Matching.CompanyKey(name), englishName, industry, city, culture, profile.Level, profile.Size);
        Version++;
    }

    /// <summary>Where the company came from; set once, by its first lead.</summary>
    public void CameFrom(LeadSource source, int? campaignId)
    {
        Source ??= source;
        CampaignId ??= campaignId;
    }

    /// <summary>It won business with us (a deal reached Won).</summary>
    public void BecameCustomer()
    {
        if (Status != AccountStatus.Customer)
        {
            Status = AccountStatus.Customer;
            Version++;
        }
    }

    public void SetStatus(AccountStatus status)
    {
        Status = Enum.IsDefined(status) ? status : throw new DomainException("Error.NotFound");
        Version++;
    }

    /// <summary>Folded into <paramref name="survivor"/> (its deals, contacts and history moved there by the service).</summary>
    public void MergeInto(Account survivor)
    {
        if (survivor.Id == Id || MergedIntoId is not null || survivor.MergedIntoId is not null)
        {
            throw new DomainException("Error.MergeInvalid");
        }

        foreach (var contact in _contacts.ToList())
        {
            _contacts.Remove(contact);
            survivor._contacts.Add(contact);
        }

        MergedIntoId = survivor.Id;
        OwnerId = null;
        Version++;
        survivor.Version++;
    }
}

/// <summary>What a person edits about a company.</summary>
public sealed record AccountProfile(
    string Name, string? EnglishName, string? Industry, string? City, string PreferredCulture, CustomerLevel Level, SizeBand Size);
