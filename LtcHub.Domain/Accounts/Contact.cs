using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>A person at a customer account.</summary>
public sealed class Contact
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 40;

    private Contact()
    {
    }

    internal Contact(string name, string? email, string? phone, string? title) => Set(name, email, phone, title);

    public int Id { get; private set; }

    public int AccountId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string? Title { get; private set; }

    /// <summary>The phone and e-mail as the duplicate check compares them (<see cref="Matching"/>).</summary>
    public string? PhoneKey { get; private set; }

    public string? EmailKey { get; private set; }

    internal void Edit(string name, string? email, string? phone, string? title) => Set(name, email, phone, title);

    /// <summary>Checks a contact's fields as a save would, without making one (a bulk import checks a whole row before it changes anything).</summary>
    /// <returns>The values as they would be stored (trimmed, empty as null).</returns>
    public static (string Name, string? Email, string? Phone, string? Title) Validate(string? name, string? email, string? phone, string? title)
    {
        var (n, e, p, t) = (Text.Required(name, NameMaxLength, "Field.ContactName"), Common.Email.Optional(email),
            Text.Optional(phone, PhoneMaxLength, "Field.Phone"), Text.Optional(title, 100, "Field.Title"));
        return p is not null && Matching.PhoneKey(p) is null ? throw new DomainException("Error.PhoneInvalid", p) : (n, e, p, t);
    }

    private void Set(string name, string? email, string? phone, string? title)
    {
        var (n, e, p, t) = Validate(name, email, phone, title);
        (Name, Email, Phone, Title, PhoneKey, EmailKey) = (n, e, p, t, Matching.PhoneKey(p), Matching.EmailKey(e));
    }
}
