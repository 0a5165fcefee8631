using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Infrastructure.Identity;

public sealed record UserRow(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, int? TeamId, string? TeamName,
    string Culture, bool LockedOut)
{
    /// <summary>Switched off by an admin (as opposed to a few minutes' lockout after failed sign-ins).</summary>
    public bool Disabled { get; init; }
}

public sealed record TeamRow(int Id, string Name, TeamKind Kind, string? ManagerId);

public sealed record UserInput(string Email, string DisplayName, string? Password, IReadOnlyCollection<string> Roles, int? TeamId, string Culture);

/// <summary>The admin area's user management. Every method checks that the actor is an Admin.</summary>
public sealed class UserAdminService(
    IServiceScopeFactory scopes, IDbContextFactory<LtcHubDbContext> contexts, UserSessions sessions, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Cultures = [Languages.Chinese, Languages.English];

    /// <summary>A disabled account is locked until the end of time.</summary>
    public static bool IsDisabled(ApplicationUser user) => user.LockoutEnd > DateTimeOffset.UtcNow.AddYears(50);

    public async Task<IReadOnlyList<UserRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var users = await db.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return users.Select(u => new UserRow(
                u.Id, u.Email ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
                u.TeamId, u.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
                u.PreferredCulture, u.LockoutEnd > now) { Disabled = IsDisabled(u) })
            .ToList();
    }

    public async Task<IReadOnlyList<TeamRow>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Teams.OrderBy(t => t.Name).Select(t => new TeamRow(t.Id, t.Name, t.Kind, t.ManagerId))
            .ToListAsync(cancellationToken);
    }

    public async Task<string> CreateAsync(Actor actor, UserInput input)
    {
        RequireAdmin(actor);
        var (email, name, roles) = await ValidateAsync(input);
        if (string.IsNullOrEmpty(input.Password))
        {
            throw new DomainException("Error.Required", "Field.Password");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new DomainException("Error.EmailTaken", email);
        }

        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, TeamId = input.TeamId,
            PreferredCulture = input.Culture,
        };
        Check(await users.CreateAsync(user, input.Password));
        Check(await users.AddToRolesAsync(user, roles));
        await AuditAsync(actor, user.Id, SecurityAudit.Fields.Created, null, $"{email}; {SecurityAudit.Join(roles)}");
        return user.Id;
    }

    public async Task UpdateAsync(Actor actor, string userId, UserInput input)
    {
        RequireAdmin(actor);
        var (_, name, roles) = await ValidateAsync(input);
        if (userId == actor.UserId && !roles.Contains(Roles.Admin))
        {
            throw new DomainException("Error.CannotRemoveOwnAdmin");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("Error.NotFound");
        var teamBefore = user.TeamId;
        user.DisplayName = name;
        user.TeamId = input.TeamId;
        user.PreferredCulture = input.Culture;
        Check(await users.UpdateAsync(user));
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(current)));
        if (current.Order().SequenceEqual(roles.Order()) && teamBefore == input.TeamId)
        {
            return;
        }

        // New roles or a new team change what this person may do: every session of theirs ends now.
        Check(await users.UpdateSecurityStampAsync(user));
        await AuditAsync(actor, userId, SecurityAudit.Fields.Roles, $"{SecurityAudit.Join(current)}; team {teamBefore}",
            $"{SecurityAudit.Join(roles)}; team {input.TeamId}");
        await sessions.EndAllAsync(userId);
    }

    /// <summary>Switches an account off (every session ends, nobody can sign in as it) or on again.</summary>
    public async Task SetDisabledAsync(Actor actor, string userId, bool disabled)
    {
        RequireAdmin(actor);
        if (userId == actor.UserId && disabled)
        {
            throw new DomainException("Error.CannotDisableSelf");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("Error.NotFound");
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null));
        Check(await users.ResetAccessFailedCountAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await AuditAsync(actor, userId, SecurityAudit.Fields.Disabled, (!disabled).ToString(), disabled.ToString());
        if (disabled)
        {
            await sessions.EndAllAsync(userId);
        }
    }

    /// <summary>An admin sets a new password for someone (who must then sign in with it: every session ends).</summary>
    public async Task ResetPasswordAsync(Actor actor, string userId, string newPassword)
    {
        RequireAdmin(actor);
        if (string.IsNullOrEmpty(newPassword))
        {
            throw new DomainException("Error.Required", "Field.Password");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("Error.NotFound");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        await AuditAsync(actor, userId, SecurityAudit.Fields.PasswordReset, null, null);
        await sessions.EndAllAsync(userId);
    }

    private async Task AuditAsync(Actor actor, string subject, string field, string? oldValue, string? newValue)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.AuditEntries.Add(SecurityAudit.Entry(actor, subject, field, oldValue, newValue, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    private async Task<(string Email, string Name, List<string> Roles)> ValidateAsync(UserInput input)
    {
        var email = Email.Required(input.Email);
        var name = Text.Required(input.DisplayName, ApplicationUser.DisplayNameMaxLength, "Field.DisplayName");
        var roles = input.Roles.Distinct().ToList();
        if (roles.Count == 0)
        {
            throw new DomainException("Error.RoleRequired");
        }

        if (roles.Except(Roles.All).Any())
        {
            throw new DomainException("Error.RoleUnknown");
        }

        if (!Cultures.Contains(input.Culture))
        {
            throw new DomainException("Error.CultureUnknown");
        }

        if (input.TeamId is { } teamId)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (!await db.Teams.AnyAsync(t => t.Id == teamId))
            {
                throw new DomainException("Error.TeamUnknown");
            }
        }

        return (email, name, roles);
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>Identity's own refusals (weak password, duplicate name) become translatable codes.</summary>
    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            throw new DomainException("Identity." + error.Code, error.Description);
        }
    }
}
