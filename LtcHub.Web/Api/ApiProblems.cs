using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Api;

/// <summary>A change sent without <c>If-Match</c>: the API never overwrites blindly; answered 428.</summary>
public sealed class ApiPreconditionRequiredException() : DomainException("Api.IfMatchRequired");

/// <summary>
/// Refusals as RFC 9457 problem documents, in the caller's language (<c>Accept-Language</c>), with the stable
/// <c>code</c> a program can test: 400 unreadable, 403 not allowed, 404 missing or not theirs to see, 409 a
/// duplicate, 412 someone changed it first (<c>changedBy</c>), 422 a rule refused it, 428 no <c>If-Match</c>.
/// </summary>
public static class ApiProblems
{
    /// <summary>A query value or header that does not parse.</summary>
    public const string Unreadable = Exports.FilterQuery.Unreadable;

    public const string IdempotencyKeyRequired = "Api.IdempotencyKeyRequired";

    public static int StatusOf(DomainException error) => error switch
    {
        _ when error.Code is Unreadable or IdempotencyKeyRequired => StatusCodes.Status400BadRequest,
        ApiPreconditionRequiredException => StatusCodes.Status428PreconditionRequired,
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status412PreconditionFailed,
        _ when error.Code is "Error.DuplicateOwned" or "Error.DuplicateInPool" or "Error.DuplicateConfirm" => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static IResult For(DomainException error, IStringLocalizer localizer)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error is ConflictException conflict)
        {
            extensions["changedBy"] = conflict.ChangedBy;
        }

        if (error is StageEntryRefusedException refused)
        {
            extensions["missing"] = refused.Missing.Split().Select(r => r.ToString()).ToArray();
        }

        // The exports' wording of an unreadable value says "nothing was exported"; the API's says nothing was done.
        var detail = error.Code == Unreadable ? localizer["Api.Unreadable", [.. error.Args]] : localizer.Describe(error);
        return Results.Problem(detail, statusCode: StatusOf(error), extensions: extensions);
    }

    /// <summary>A deal change's outcome: the deal as it now is, or why not (a conflict carries the current deal too).</summary>
    public static IResult For(ChangeOutcome outcome, IStringLocalizer localizer, HttpContext http)
    {
        if (outcome.Succeeded)
        {
            return ApiHttp.Tagged(http, Infrastructure.Api.ApiDeal.From(outcome.Card!), outcome.Card!.Version);
        }

        var error = outcome.Status switch
        {
            ChangeStatus.Conflict => new ConflictException("Error.Conflict", outcome.ChangedBy, outcome.ChangedBy ?? "?"),
            ChangeStatus.NotFound => new NotFoundException(),
            ChangeStatus.Forbidden => outcome.Error as ForbiddenException ?? new ForbiddenException(),
            _ => outcome.Error ?? new DomainException("Error.Unexpected"),
        };
        if (outcome.Card is { } card)
        {
            http.Response.Headers.ETag = ApiHttp.ETag(card.Version);
        }

        return For(error, localizer);
    }

    /// <summary>For the authentication handler, which answers before any endpoint runs.</summary>
    public static Task WriteAsync(HttpContext http, int status, string code)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return Results.Problem(localizer[code], statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code })
            .ExecuteAsync(http);
    }
}

/// <summary>Turns every domain refusal thrown under <c>/api/v1</c> into its problem document.</summary>
public sealed class ApiProblemFilter(IStringLocalizer<SharedResource> localizer) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException error)
        {
            return ApiProblems.For(error, localizer);
        }
    }
}
