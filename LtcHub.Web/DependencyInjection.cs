using Microsoft.AspNetCore.DataProtection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Web.Api;
using LtcHub.Web.Diagnostics;
using LtcHub.Web.Components;
using LtcHub.Web.Identity;
using LtcHub.Web.Localization;
using LtcHub.Web.Documents;
using LtcHub.Web.Exports;
using LtcHub.Web.Reports;
using LtcHub.Web.Imports;
using LtcHub.Web.Leads;
using LtcHub.Web.Meetings;
using LtcHub.Web.Security;
using LtcHub.Web.Components.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace LtcHub.Web;

public static class DependencyInjection
{
    /// <summary>
    /// The web host as it runs everywhere: the framework's and MudBlazor's static files are served from
    /// the build output in any environment (a published app has them in wwwroot and this is a no-op), and
    /// Kestrel does not announce itself.
    /// </summary>
    public static WebApplicationBuilder ConfigureHost(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, LtcHubMudLocalizer>();

        // Chinese text goes out as text, not as &#x...; entities (a third of the bytes).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(Cultures.Configure);

        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentUser>();
        services.AddScoped<Exports.ExportLists>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = AccountEndpoints.LoginPath;
                o.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
                o.Cookie.Name = "LtcHub.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(7);
            }).Configure<SessionTicketStore>((o, store) => o.SessionStore = store));
        services.AddHttpContextAccessor();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<WebLeadThrottle>();
        services.AddSingleton<Imports.ImportQueue>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<Components.Pages.Pipeline.MoveFlow>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddIdentityCore<ApplicationUser>(IdentityRules.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LtcHubDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<LtcHubClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Every page needs a signed-in user unless it says [AllowAnonymous].
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddApi(configuration);
        var health = services.AddHealthChecks().AddDbContextCheck<LtcHubDbContext>("database", tags: [Ready]);
        if (Infrastructure.Events.ScaleOut.RedisConnection(configuration) is not null)
        {
            // Several instances: the sign-in cookies and antiforgery tokens one instance writes, every other must read.
            services.AddDataProtection().SetApplicationName("LtcHub");
            services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
                .Configure<StackExchange.Redis.IConnectionMultiplexer>((o, redis) =>
                    o.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeys));
            health.AddCheck<Infrastructure.Events.RedisHealthCheck>("redis", tags: [Ready]);
        }

        return services;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        if (seed.DemoData && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("Seed:DemoData is ignored outside Development (environment {Environment}).", app.Environment.EnvironmentName);
            seed.DemoData = false;
        }

        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.InitializeAsync();
        if (seed.DemoData)
        {
            PrintDemoLogins(app);
        }
        else
        {
            // A database once used for a demo must not let anyone in with the published password.
            await initializer.DisableDemoLoginsAsync();
        }
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ErrorPage.Path, createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseBlazorOriginCheck();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        // Liveness: the process answers (restart it if not). Readiness: it can serve (database, and Redis when configured).
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapMinutes();
        app.MapDocuments();
        app.MapExports();
        app.MapReports();
        app.MapWebLeads();
        app.MapApi();
        app.MapImports();
        app.MapLtcHubMetrics();
        app.MapLoadHarness();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static void PrintDemoLogins(WebApplication app)
    {
        var lines = DemoUsers.All.Select(u => $"  {u.Email,-26} {u.Role,-8} {u.DisplayName}");
        Console.WriteLine($"""

            LtcHub demo logins (password for all: {DemoUsers.Password})
            {string.Join(Environment.NewLine, lines)}

            """);
        app.Logger.LogInformation("Demo data is on; {Count} demo logins printed above.", DemoUsers.All.Count);
    }

    private const string Ready = "ready";

    /// <summary>The Redis key holding the data-protection key ring shared by every instance.</summary>
    public const string DataProtectionKeys = "ltchub:data-protection-keys";

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
