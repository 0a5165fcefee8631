using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtcHub.Infrastructure.Identity;

public sealed record ProfileView(string Email, string DisplayName, IReadOnlyList<string> Roles, string? TeamName, string Culture);

/// <summary>What a person does about their own account: read it, choose the language of their e-mails and the app's look, change their password.</summary>
public sealed class ProfileService(IServiceScopeFactory scopes, IDbContextFactory<LtcHubDbContext> contexts, UserSessions sessions, TimeProvider time)
{
    public async Task<ProfileView> GetAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actor.UserId) ?? throw new DomainException("Error.NotFound");
        var team = user.TeamId is { } id ? await db.Teams.Where(t => t.Id == id).Select(t => t.Name).SingleOrDefaultAsync() : null;
        return new ProfileView(user.Email ?? "", user.DisplayName, actor.Roles.Order(StringComparer.Ordinal).ToList(), team, user.PreferredCulture);
    }

    /// <summary>The language of the e-mails and reminders this person receives.</summary>
    public async Task SetCultureAsync(Actor actor, string culture)
    {
        if (!UserAdminService.Cultures.Contains(culture))
        {
            throw new DomainException("Error.CultureUnknown");
        }

        await using var db = await contexts.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == actor.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, culture));
    }

    /// <summary>The look this person chose (light when they never chose, or the user is gone).</summary>
    public async Task<UiTheme> ThemeAsync(string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => (UiTheme?)u.Theme).SingleOrDefaultAsync() ?? UiTheme.Light;
    }

    public async Task SetThemeAsync(Actor actor, UiTheme theme)
    {
        if (!Enum.IsDefined(theme))
        {
            throw new DomainException("Error.NotFound");
        }

        await using var db = await contexts.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == actor.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Theme, theme));
    }

    /// <summary>A new password (the current one proves it is them); every session ends, this one too, so it is used from now on.</summary>
    public async Task ChangePasswordAsync(Actor actor, string currentPassword, string newPassword)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            throw new DomainException("Error.Required", "Profile.CurrentPassword");
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            throw new DomainException("Error.Required", "Profile.NewPassword");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(actor.UserId) ?? throw new DomainException("Error.NotFound");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            throw new DomainException("Error.CurrentPasswordWrong");
        }

        UserAdminService.Check(result);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.PasswordChanged, null, null, time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        await sessions.EndAllAsync(actor.UserId);
    }
}
