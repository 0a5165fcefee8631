using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using LtcHub.Infrastructure.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace LtcHub.Web.Api;

/// <summary>
/// The REST API at <c>/api/v1</c>: personal access tokens only (the sign-in cookie is not accepted, so no other
/// site can call it with a person's browser), a rate limit per token, the OpenAPI document and its reference page.
/// </summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string DocsPath = "/api/docs";
    public const string OpenApiPath = "/api/openapi/{documentName}.json";
    public const string ReadPolicy = "api-read";
    public const string WritePolicy = "api-write";
    public const string RateLimitPolicy = "api-per-token";

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, nameof(ApiScope.ReadWrite)));

        var perMinute = configuration.GetValue("Api:RequestsPerMinute", 120);
        services.AddRateLimiter(limits =>
        {
            limits.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(ApiTokenAuthentication.TokenClaim) ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limits.OnRejected = async (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Api.TooManyRequests");
            };
        });

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "LtcHub API";
                document.Info.Description = "Personal access token in `Authorization: Bearer ltc_…` (make one on your profile page). "
                    + "Changes need `If-Match` with the ETag you read; payments need an `Idempotency-Key`. Errors are RFC 9457 problem documents "
                    + "with a stable `code`, in the language of `Accept-Language`.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["token"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A personal access token (ltc_…).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ReadPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<ApiProblemFilter>()
            .DisableAntiforgery();
        api.MapDeals().MapCustomers().MapDocuments();

        endpoints.MapOpenApi(OpenApiPath).AllowAnonymous();
        endpoints.MapScalarApiReference(DocsPath, o => o.WithTitle("LtcHub API").WithOpenApiRoutePattern(OpenApiPath)).AllowAnonymous();
        return endpoints;
    }
}
