using System.Security.Claims;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Contracts;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Quotes;

namespace LtcHub.Web.Documents;

/// <summary>Files of a deal's documents, for those who may read the deal's money; anyone else gets 404, as if nothing were there.</summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder endpoints)
    {
        // GET /quotes/{id}.pdf: the quote in its customer's language.
        endpoints.MapGet("/quotes/{id:int}.pdf", async (int id, ClaimsPrincipal user, QuoteReader quotes, QuotePdf pdf) =>
            await AsActorAsync(user, async actor =>
            {
                var quote = await quotes.GetAsync(actor, id);
                return Results.File(pdf.Render(quote), "application/pdf", $"{quote.Number}-v{quote.Revision}.pdf");
            }));

        // GET /contracts/{id}/attachment: the signed scan, stored outside the web root.
        endpoints.MapGet("/contracts/{id:int}/attachment", async (int id, ClaimsPrincipal user, ContractService contracts) =>
            await AsActorAsync(user, async actor =>
            {
                var (content, name, type) = await contracts.OpenAttachmentAsync(actor, id);
                return Results.File(content, type, name);
            }));
        return endpoints;
    }

    private static async Task<IResult> AsActorAsync(ClaimsPrincipal user, Func<LtcHub.Domain.Teams.Actor, Task<IResult>> serve)
    {
        if (user.ToActor() is not { } actor)
        {
            return Results.Challenge();
        }

        try
        {
            return await serve(actor);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
    }
}
