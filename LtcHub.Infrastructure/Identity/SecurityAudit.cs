using System.Globalization;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;

namespace LtcHub.Infrastructure.Identity;

/// <summary>Who signed in, who changed whose roles, who exported what: lines of the same audit log as deal changes.</summary>
public static class SecurityAudit
{
    public const string EntityType = "User";

    public static class Fields
    {
        public const string SignedIn = "SignedIn";
        public const string SignInRefused = "SignInRefused";
        public const string SignedOut = "SignedOut";
        public const string SessionEnded = "SessionEnded";
        public const string Created = "Created";
        public const string Roles = "Roles";
        public const string Team = "Team";
        public const string Disabled = "Disabled";
        public const string PasswordChanged = "PasswordChanged";
        public const string PasswordReset = "PasswordReset";
        public const string Exported = "Exported";
        public const string TokenCreated = "TokenCreated";
        public const string TokenRevoked = "TokenRevoked";
    }

    public static AuditEntry Entry(Actor by, string subject, string field, string? oldValue, string? newValue, DateTime nowUtc) =>
        new(nowUtc, by.UserId, by.DisplayName, EntityType, subject, field, Text.Truncate(oldValue ?? "", 1000) is { Length: > 0 } o ? o : null,
            newValue is null ? null : Text.Truncate(newValue, 1000));

    /// <summary>An event that no signed-in person caused (a refused sign-in for an e-mail).</summary>
    public static AuditEntry Anonymous(string subject, string field, string? newValue, DateTime nowUtc) =>
        new(nowUtc, "", "-", EntityType, Text.Truncate(subject, 64), field, null, newValue is null ? null : Text.Truncate(newValue, 1000));

    public static string Join(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));

    public static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);
}
