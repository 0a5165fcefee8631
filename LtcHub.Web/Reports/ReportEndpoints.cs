using System.Globalization;
using System.Security.Claims;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Reports;
using LtcHub.Web.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Reports;

/// <summary>
/// <c>GET /reports/{name}.csv</c> with the report page's query string: the same figures the page shows the person (the
/// shared computation for their visibility), headers in their language, the export written to the audit log.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/{name}.csv", async (string name, HttpContext http, ClaimsPrincipal user, ReportHub reports,
            IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time, IStringLocalizer<SharedResource> l) =>
        {
            if (user.ToActor() is not { } actor)
            {
                return Results.Challenge();
            }

            if (!reports.Exists(name))
            {
                return Results.NotFound();
            }

            var query = http.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()));
            if (!ReportFilter.TryParse(query, CompanyTime.Today(time), out var filter, out var error))
            {
                return Results.Text(l[error!.Value.Key, error.Value.Field], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await reports.GetAsync(actor, name, filter, http.RequestAborted);
            var table = ReportWriter.Csv(result, l, CultureInfo.CurrentCulture);
            await using (var db = await contexts.CreateDbContextAsync())
            {
                db.AuditEntries.Add(SecurityAudit.Entry(actor, actor.UserId, SecurityAudit.Fields.Exported, null,
                    $"reports/{name}.csv?{filter.ToQuery()} ({table.Rows.Count})", time.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync();
            }

            return Results.File(ExportWriter.Csv(table), ExportWriter.CsvType, $"ltchub-{name}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv");
        });
        return endpoints;
    }
}
