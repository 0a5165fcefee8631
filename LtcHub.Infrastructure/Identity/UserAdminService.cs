using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Infrastructure.Identity;

public sealed record UserRow(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, int? TeamId, string? TeamName,
    string Culture, bool LockedOut);

public sealed record TeamRow(int Id, string Name, TeamKind Kind, string? ManagerId);

public sealed record UserInput(string Email, string DisplayName, string? Password, IReadOnlyCollection<string> Roles, int? TeamId, string Culture);

/// <summary>The admin area's user management. Every method checks that the actor is an Admin.</summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<LtcHubDbContext> contexts)
{
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en-US"];

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
                u.PreferredCulture, u.LockoutEnd > now))
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
        user.DisplayName = name;
        user.TeamId = input.TeamId;
        user.PreferredCulture = input.Culture;
        Check(await users.UpdateAsync(user));
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(current)));

        // Signed-in sessions pick up the new roles at their next validation.
        Check(await users.UpdateSecurityStampAsync(user));
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
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            throw new DomainException("Identity." + error.Code, error.Description);
        }
    }
}
