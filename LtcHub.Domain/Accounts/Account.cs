using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>A customer company, with its Chinese and English names.</summary>
public sealed class Account
{
    public const int NameMaxLength = 200;

    private readonly List<Contact> _contacts = [];

    private Account()
    {
    }

    public Account(string name, string? englishName, string? industry, string? city, string preferredCulture)
    {
        Name = Text.Required(name, NameMaxLength, "Field.AccountName");
        EnglishName = Text.Optional(englishName, NameMaxLength, "Field.AccountEnglishName");
        Industry = Text.Optional(industry, 100, "Field.Industry");
        City = Text.Optional(city, 100, "Field.City");
        PreferredCulture = preferredCulture;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? EnglishName { get; private set; }

    public string? Industry { get; private set; }

    public string? City { get; private set; }

    /// <summary>The language letters to this customer are written in (one of <see cref="Languages.All"/>).</summary>
    public string PreferredCulture { get; private set; } = Languages.Chinese;

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
        return contact;
    }

    /// <summary>The name to show in a given UI language.</summary>
    public string DisplayName(bool english) => english && EnglishName is not null ? EnglishName : Name;
}
