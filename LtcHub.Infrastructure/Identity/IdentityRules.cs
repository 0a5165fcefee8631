using Microsoft.AspNetCore.Identity;

namespace LtcHub.Infrastructure.Identity;

/// <summary>Password and lockout rules for every sign-in.</summary>
public static class IdentityRules
{
    public const int PasswordMinLength = 8;
    /// <summary>Failed sign-ins allowed per e-mail (and a larger number per address) within <see cref="LockoutDuration"/>; the web's sign-in throttle enforces them.</summary>
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = PasswordMinLength;
        options.Password.RequireDigit = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
