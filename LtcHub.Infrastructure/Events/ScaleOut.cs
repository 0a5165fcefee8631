using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace LtcHub.Infrastructure.Events;

/// <summary>
/// Several app instances: when <c>ConnectionStrings:Redis</c> is set, events travel over Redis (<see cref="RedisBoardEvents"/>)
/// and <c>/health/ready</c> asks Redis too; without it, one instance and the in-process bus.
/// </summary>
public static class ScaleOut
{
    public const string ConnectionName = "Redis";

    public static string? RedisConnection(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } value ? value : null;

    /// <summary>Registers the Redis connection and bus; false (nothing registered) without a Redis connection string.</summary>
    public static bool AddRedisEvents(this IServiceCollection services, IConfiguration configuration)
    {
        if (RedisConnection(configuration) is not { } connection)
        {
            return false;
        }

        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;     // start even while Redis is away; it reconnects by itself, /health/ready says so meanwhile
        options.ClientName ??= "ltchub";
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddSingleton<IBoardEvents, RedisBoardEvents>();
        return true;
    }
}

/// <summary>Redis answers a PING.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var took = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {took.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
