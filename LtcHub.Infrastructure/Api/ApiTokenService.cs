using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Api;

public sealed record ApiTokenLine(int Id, string Name, ApiScope Scope, string Prefix, DateTime CreatedAtUtc, DateTime ExpiresAtUtc,
    DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc, bool Active);

/// <summary>A token as it was made: the secret is in this object once and never stored.</summary>
public sealed record NewApiToken(ApiTokenLine Token, string Secret);

/// <summary>Who a presented secret belongs to, and what it may do.</summary>
public sealed record ApiCaller(int TokenId, string UserId, ApiScope Scope);

/// <summary>
/// Personal access tokens: a person makes them for themselves (read or read-write, with an expiry of at most a
/// year), sees the secret once, revokes them. A token acts as its user; what the user may do is decided afresh on
/// every request, so a new role, a disabled account or a revoked token count at once.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time)
{
    public const string SecretPrefix = "ltc_";
    public const int MaxDays = 366;

    /// <summary>Last use is written at most this often: a busy integration would otherwise write on every call.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<NewApiToken> CreateAsync(Actor actor, string? name, ApiScope scope, DateOnly expiresOn)
    {
        var label = Text.Required(name, ApiToken.NameMaxLength, "Field.TokenName");
        if (!Enum.IsDefined(scope))
        {
            throw new DomainException("Error.NotFound");
        }

        var today = CompanyTime.Today(time);
        if (expiresOn <= today || expiresOn > today.AddDays(MaxDays))
        {
            throw new DomainException("Error.TokenExpiry", MaxDays);
        }

        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken(actor.UserId, label, scope, secret[..ApiToken.PrefixLength], HashOf(secret), Now,
            CompanyTime.ToUtc(expiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        await using var db = await contexts.CreateDbContextAsync();
        db.ApiTokens.Add(token);
        db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.TokenCreated, null, $"{label} ({scope}, {token.Prefix}…)", Now));
        await db.SaveChangesAsync();
        return new NewApiToken(Line(token, Now), secret);
    }

    public async Task<IReadOnlyList<ApiTokenLine>> ListAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = Now;
        return (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderByDescending(t => t.CreatedAtUtc).ToListAsync())
            .Select(t => Line(t, now)).ToList();
    }

    /// <summary>Revokes one of the person's own tokens (another person's answers like a missing one).</summary>
    public async Task RevokeAsync(Actor actor, int tokenId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == actor.UserId) ?? throw new NotFoundException();
        token.Revoke(Now);
        db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.TokenRevoked, null, $"{token.Name} ({token.Prefix}…)", Now));
        await db.SaveChangesAsync();
    }

    /// <returns>The caller behind an active token; null for anything else (unknown, revoked, expired, malformed).</returns>
    public async Task<ApiCaller?> AuthenticateAsync(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = HashOf(secret);
        await using var db = await contexts.CreateDbContextAsync();
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash);
        var now = Now;
        if (token is null || !token.IsActive(now))
        {
            return null;
        }

        if (token.LastUsedAtUtc is not { } used || now - used > TouchInterval)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAtUtc, now));
        }

        return new ApiCaller(token.Id, token.UserId, token.Scope);
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiTokenLine Line(ApiToken t, DateTime now) =>
        new(t.Id, t.Name, t.Scope, t.Prefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc, t.IsActive(now));
}
