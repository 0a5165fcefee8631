namespace LtcHub.Domain.Common;

/// <summary>Validation of the free text users type: trimmed, required where required, bounded.</summary>
public static class Text
{
    public static string Required(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainException("Error.Required", field);
        }

        return Bounded(trimmed, maxLength, field);
    }

    public static string? Optional(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Bounded(trimmed, maxLength, field);
    }

    /// <summary>Cuts what the system itself writes (error messages, generated texts) to fit its column.</summary>
    public static string Truncate(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];

    private static string Bounded(string value, int maxLength, string field)
    {
        if (value.Length > maxLength)
        {
            throw new DomainException("Error.TooLong", field, maxLength);
        }

        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new DomainException("Error.InvalidCharacters", field);
        }

        return value;
    }
}
