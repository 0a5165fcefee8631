namespace LtcHub.Infrastructure.Api;

/// <summary>What a personal access token may do: read only, or read and write (always within its user's rights).</summary>
public enum ApiScope
{
    Read = 1,
    ReadWrite = 2,
}

/// <summary>
/// A personal access token for the REST API. Only its SHA-256 hash is stored (the secret is shown once, when it
/// is made); <see cref="Prefix"/> is the first characters, enough for its owner to recognise it in a list.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;

    private ApiToken()
    {
    }

    public ApiToken(string userId, string name, ApiScope scope, string prefix, string hash, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        UserId = userId;
        Name = name;
        Scope = scope;
        Prefix = prefix;
        Hash = hash;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public ApiScope Scope { get; private set; }

    public string Prefix { get; private set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public string Hash { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public DateTime? LastUsedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive(DateTime nowUtc) => RevokedAtUtc is null && ExpiresAtUtc > nowUtc;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
