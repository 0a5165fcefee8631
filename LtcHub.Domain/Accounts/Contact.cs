using LtcHub.Domain.Common;

namespace LtcHub.Domain.Accounts;

/// <summary>A person at a customer account.</summary>
public sealed class Contact
{
    private Contact()
    {
    }

    internal Contact(string name, string? email, string? phone, string? title)
    {
        Name = Text.Required(name, 100, "Field.ContactName");
        Email = Common.Email.Optional(email);
        Phone = Text.Optional(phone, 40, "Field.Phone");
        Title = Text.Optional(title, 100, "Field.Title");
    }

    public int Id { get; private set; }

    public int AccountId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string? Title { get; private set; }
}
