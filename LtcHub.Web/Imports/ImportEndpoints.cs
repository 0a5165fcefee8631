using System.Security.Claims;
using Hangfire;
using LtcHub.Domain.Common;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Imports;
using LtcHub.Web.Exports;
using LtcHub.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Imports;

/// <summary>
/// <c>GET /imports/{id}/rejected.csv</c>: the rows an import did not take, as they were in the file, with the reason in
/// the reader's language in a last column — to fix in Excel and import again (the same headers map the same way).
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/imports/{id:int}/rejected.csv", async (int id, ClaimsPrincipal user, ImportService imports, IStringLocalizer<SharedResource> l) =>
        {
            if (user.ToActor() is not { } actor)
            {
                return Results.Challenge();
            }

            try
            {
                if (await imports.RejectedAsync(actor, id) is not { } rejected)
                {
                    return Results.NotFound();
                }

                var table = new ExportTable([.. rejected.Headers, l["Import.Reason"].Value],
                    [.. rejected.Rows.Select(r => r.Cells.Cast<object?>().Append(Reason(l, r.Problem)).ToArray())]);
                return Results.File(ExportWriter.Csv(table), ExportWriter.CsvType, $"ltchub-import-{id}-rejected.csv");
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
        });
        return endpoints;
    }

    /// <summary>Why a row was not taken, in the reader's language.</summary>
    public static string Reason(IStringLocalizer l, ImportRowProblem problem) =>
        (problem.Skipped ? l["Import.SkippedPrefix"].Value : "") + l.Describe(new DomainException(problem.Code, [.. problem.Args]));
}

/// <summary>Queues an import (or its dry run) on Hangfire; the page follows its progress on the bus.</summary>
public sealed class ImportQueue(IBackgroundJobClient jobs)
{
    public void Run(int importId) => jobs.Enqueue<Jobs.LtcHubJobs>(j => j.ImportAsync(importId, CancellationToken.None));
}
