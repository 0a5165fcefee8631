using Microsoft.AspNetCore.Hosting;

namespace LtcHub.Tests.Support;

/// <summary>
/// One LtcHub instance of several: with Redis; on another instance's database when <c>database</c> is given (the first
/// seeds it); allowing a proxy's origin for the live connection when <c>publicOrigin</c> is given.
/// </summary>
public sealed class ScaledApp(string redis, string? database = null, string? publicOrigin = null) : LtcHubApp
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Redis", redis);
        if (database is not null)
        {
            builder.UseSetting("ConnectionStrings:LtcHub", $"Data Source={database}");
        }

        if (publicOrigin is not null)
        {
            builder.UseSetting("Security:AllowedOrigins:0", publicOrigin);
        }
    }
}
