using System.Threading.RateLimiting;

namespace LtcHub.Web.Identity;

/// <summary>
/// Limits failed sign-ins per e-mail and per address with ASP.NET Core's rate limiters. Only failures
/// count, so people who sign in on several devices are never slowed down. The limit applies to any
/// e-mail typed, whether or not an account has it: the answer never tells which addresses exist.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int FailuresPerAccount = Infrastructure.Identity.IdentityRules.MaxFailedAttempts;
    public const int FailuresPerAddress = 30;
    public static readonly TimeSpan Window = Infrastructure.Identity.IdentityRules.LockoutDuration;

    private readonly PartitionedRateLimiter<string> _accounts = Limiter(FailuresPerAccount);
    private readonly PartitionedRateLimiter<string> _addresses = Limiter(FailuresPerAddress);

    /// <summary>False when this e-mail or this address has failed too often lately: do not even try the password.</summary>
    public bool MayTry(string email, string? address) =>
        Available(_accounts, AccountKey(email)) && Available(_addresses, AddressKey(address));

    /// <summary>Counts a failed attempt against the e-mail and the address.</summary>
    public void Failed(string email, string? address)
    {
        using var account = _accounts.AttemptAcquire(AccountKey(email));
        using var origin = _addresses.AttemptAcquire(AddressKey(address));
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }

    private static bool Available(PartitionedRateLimiter<string> limiter, string key) =>
        limiter.GetStatistics(key) is not { CurrentAvailablePermits: <= 0 };

    private static string AccountKey(string email) => email.Trim().ToUpperInvariant();

    private static string AddressKey(string? address) => address ?? "-";

    private static PartitionedRateLimiter<string> Limiter(int failures) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = failures,
            Window = Window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
