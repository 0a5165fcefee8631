using System.Security.Claims;
using System.Text;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Meetings;

namespace LtcHub.Web.Meetings;

public static class MinutesEndpoint
{
    /// <summary>GET /meetings/{id}/minutes.md: the stored minutes as a Markdown download, for those who may see the meeting.</summary>
    public static IEndpointRouteBuilder MapMinutes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/meetings/{id:int}/minutes.md", async (int id, ClaimsPrincipal user, MeetingRoomReader meetings) =>
        {
            if (user.ToActor() is not { } actor)
            {
                return Results.Challenge();
            }

            try
            {
                return await meetings.MinutesAsync(actor, id) is { } minutes
                    ? Results.File(Encoding.UTF8.GetBytes(minutes.Markdown), "text/markdown; charset=utf-8", minutes.FileName)
                    : Results.NotFound();
            }
            catch (DomainException)
            {
                return Results.NotFound();
            }
        });
        return endpoints;
    }
}
