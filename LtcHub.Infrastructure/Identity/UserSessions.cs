using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Identity;

public sealed record SessionLine(string Id, DateTime CreatedAtUtc, DateTime LastSeenAtUtc, string Address, string Device, bool Current);

/// <summary>
/// The server-side sessions behind the sign-in cookie. Ending one deletes its row (the cookie is
/// worthless from then on, wherever it was copied) and tells that session's live circuits, which
/// leave for the sign-in page.
/// </summary>
public sealed class UserSessions(IDbContextFactory<LtcHubDbContext> contexts, IBoardEvents events, TimeProvider time, ILogger<UserSessions> logger)
{
    /// <summary>How often "last seen" is written: once a minute is precise enough, and spares a write per request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task CreateAsync(string id, string userId, byte[] ticket, DateTime? expiresAtUtc, string? address, string? device)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = Now;
        db.UserSessions.Add(new UserSession(id, userId, ticket, now, expiresAtUtc, address, device));

        // Sweep this user's expired sessions while here: the table stays as small as the people signed in.
        db.UserSessions.RemoveRange(await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAtUtc != null && s.ExpiresAtUtc < now).ToListAsync());
        await db.SaveChangesAsync();
    }

    /// <returns>The stored ticket; null when the session was ended or has expired.</returns>
    public async Task<byte[]?> TicketAsync(string id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == id);
        var now = Now;
        if (session is null || session.IsExpired(now))
        {
            return null;
        }

        if (now - session.LastSeenAtUtc > TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now));
        }

        return session.Ticket;
    }

    public async Task RenewAsync(string id, byte[] ticket, DateTime? expiresAtUtc)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.UserSessions.SingleOrDefaultAsync(s => s.Id == id) is { } session)
        {
            session.Renew(ticket, expiresAtUtc, Now);
            await db.SaveChangesAsync();
        }
    }

    public async Task<bool> IsActiveAsync(string id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = Now;
        return await db.UserSessions.AnyAsync(s => s.Id == id && (s.ExpiresAtUtc == null || s.ExpiresAtUtc > now));
    }

    /// <summary>A user's own sessions, most recently used first (the profile page's list).</summary>
    public async Task<IReadOnlyList<SessionLine>> ListAsync(Actor actor, string? currentId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = Now;
        return (await db.UserSessions.AsNoTracking().Where(s => s.UserId == actor.UserId && (s.ExpiresAtUtc == null || s.ExpiresAtUtc > now))
                .OrderByDescending(s => s.LastSeenAtUtc).ToListAsync())
            .Select(s => new SessionLine(s.Id, s.CreatedAtUtc, s.LastSeenAtUtc, s.Address, s.Device, s.Id == currentId))
            .ToList();
    }

    /// <summary>Ends one of the actor's own sessions (signing out another device).</summary>
    public async Task EndAsync(Actor actor, string sessionId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == actor.UserId)
            ?? throw new DomainException("Error.NotFound");
        db.UserSessions.Remove(session);
        db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.SessionEnded, session.Device, session.Address, Now));
        await db.SaveChangesAsync();
        await events.PublishAsync(new SessionsEnded(actor.UserId, [sessionId]));
    }

    /// <summary>Signing out ends every session of the person, on every device, and is audited.</summary>
    public async Task SignOutEverywhereAsync(Actor actor)
    {
        var ended = await EndAllAsync(actor.UserId);
        await using var db = await contexts.CreateDbContextAsync();
        db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.SignedOut, null,
            ended.ToString(System.Globalization.CultureInfo.InvariantCulture), Now));
        await db.SaveChangesAsync();
    }

    /// <summary>Records a sign-in, or a refused one (the e-mail typed, whether or not such a user exists).</summary>
    public async Task RecordSignInAsync(string? userId, string email, bool succeeded, string? address)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var name = userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        db.AuditEntries.Add(succeeded && userId is not null && name is not null
            ? SecurityAudit.Entry(new Actor(userId, name, new HashSet<string>(), null, new HashSet<int>()), userId, SecurityAudit.Fields.SignedIn, null, address, Now)
            : SecurityAudit.Anonymous(userId ?? "", SecurityAudit.Fields.SignInRefused, $"{email} {address}".Trim(), Now));
        await db.SaveChangesAsync();
    }

    /// <summary>Ends every session of a user (sign-out, a new password, new roles, a disabled account), except <paramref name="except"/>.</summary>
    public async Task<int> EndAllAsync(string userId, string? except = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ids = await db.UserSessions.Where(s => s.UserId == userId && s.Id != except).Select(s => s.Id).ToListAsync();
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.UserSessions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync();
        logger.LogInformation("Ended {Count} session(s) of user {UserId}", ids.Count, userId);
        await events.PublishAsync(new SessionsEnded(userId, ids));
        return ids.Count;
    }

    /// <summary>Deletes a session without telling anyone (the cookie handler's own sign-out of this session).</summary>
    public async Task RemoveAsync(string id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.UserSessions.Where(s => s.Id == id).Select(s => s.UserId).SingleOrDefaultAsync() is { } userId)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
            await events.PublishAsync(new SessionsEnded(userId, [id]));
        }
    }
}
