using System.Net.Mail;

namespace LtcHub.Domain.Common;

/// <summary>E-mail addresses users type: one plain address, bounded.</summary>
public static class Email
{
    public const int MaxLength = 254;

    public static string? Optional(string? email, string field = "Field.Email")
    {
        var value = Text.Optional(email, MaxLength, field);
        if (value is null)
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value || at <= 0
            || !value[(at + 1)..].Contains('.', StringComparison.Ordinal) || value.Contains(' ', StringComparison.Ordinal))
        {
            throw new DomainException("Error.EmailInvalid", value);
        }

        return value;
    }

    public static string Required(string? email, string field = "Field.Email") =>
        Optional(email, field) ?? throw new DomainException("Error.Required", field);
}
