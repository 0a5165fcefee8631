using System.Security.Claims;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Exports;

/// <summary>
/// <c>GET /export/{list}.csv</c> and <c>.xlsx</c>, with the list page's filter as its query string: only what the
/// person may see (the list's own service decides), written to the audit log (who exported what, how many rows).
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/export/{list}.{format}", async (string list, string format, HttpContext http, ClaimsPrincipal user, ExportLists lists,
            IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time, IStringLocalizer<SharedResource> l) =>
        {
            if (user.ToActor() is not { } actor)
            {
                return Results.Challenge();
            }

            if (format is not ("csv" or "xlsx"))
            {
                return Results.NotFound();
            }

            ExportTable? table;
            try
            {
                table = await lists.TableAsync(list, actor, http.Request.Query);
            }
            catch (DomainException refused)
            {
                return Results.Text(l.Describe(refused), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (table is null)
            {
                return Results.NotFound();
            }

            await using (var db = await contexts.CreateDbContextAsync())
            {
                db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.Exported, null,
                    $"{list}.{format}{http.Request.QueryString} ({table.Rows.Count})", time.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync();
            }

            var name = $"ltchub-{list}-{time.GetUtcNow():yyyyMMdd-HHmm}.{format}";
            return format == "csv"
                ? Results.File(ExportWriter.Csv(table), ExportWriter.CsvType, name)
                : Results.File(ExportWriter.Xlsx(table), ExportWriter.XlsxType, name);
        });
        return endpoints;
    }
}
