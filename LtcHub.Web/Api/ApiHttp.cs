using System.Globalization;
using System.Security.Claims;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Identity;
using Microsoft.Net.Http.Headers;

namespace LtcHub.Web.Api;

/// <summary>What every API endpoint reads from a request the same way: the caller, paging, <c>If-Match</c>; and the <c>ETag</c> it answers with.</summary>
public static class ApiHttp
{
    public static Actor Actor(this ClaimsPrincipal user) => user.ToActor() ?? throw new InvalidOperationException("The API runs only for a signed-in token.");

    /// <summary><c>page</c> (from 1), <c>pageSize</c> (1–200) and <c>updatedSince</c> (ISO 8601); anything unreadable is refused, never ignored.</summary>
    public static ApiPaging Paging(IQueryCollection query)
    {
        var page = Int(query, "page", 1, 1, int.MaxValue / ApiPaging.MaxSize);
        var size = Int(query, "pageSize", ApiPaging.DefaultSize, 1, ApiPaging.MaxSize);
        DateTime? since = null;
        if (query["updatedSince"].ToString() is { Length: > 0 } text)
        {
            since = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime
                : throw new DomainException(ApiProblems.Unreadable, "updatedSince", text);
        }

        return new ApiPaging(page, size, since);
    }

    /// <summary>The version the client last read (<c>If-Match: "7"</c>); required for every change of something that has one.</summary>
    public static long IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            throw new ApiPreconditionRequiredException();
        }

        return EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new DomainException(ApiProblems.Unreadable, "If-Match", header);
    }

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>200 with the body and its version as the ETag.</summary>
    public static IResult Tagged<T>(HttpContext http, T body, long version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Ok(body);
    }

    /// <summary>201 with the new item's address and version.</summary>
    public static IResult Created<T>(HttpContext http, string location, T body, long version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Created(location, body);
    }

    private static int Int(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new DomainException(ApiProblems.Unreadable, name, text);
    }
}
