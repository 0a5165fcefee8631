using System.Text.Json;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Imports;

/// <summary>
/// Runs an import (Hangfire calls it): rows streamed from the file in batches of <see cref="BatchSize"/>, each batch's
/// records, undo trail, refused rows and progress committed together, then announced (the page's progress bar). A
/// batch that commits is never redone: a run that stopped half way goes on from the last committed row.
/// </summary>
public sealed class ImportRunner(IDbContextFactory<LtcHubDbContext> contexts, ImportStore store, IBoardEvents events, TimeProvider time,
    ILogger<ImportRunner> logger)
{
    public const int BatchSize = 500;

    /// <summary>
    /// A gap between write transactions: SQLite has one writer, and a board move waiting for the lock (its busy handler backs
    /// off) must get in rather than starve behind back-to-back batches — as the dunning run does.
    /// </summary>
    public static readonly TimeSpan PauseBetweenBatches = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(int importId, CancellationToken cancellationToken = default)
    {
        ImportRun run;
        Actor? actor;
        ImportLookups lookups;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            run = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId, cancellationToken);
            if (run.Status is not (ImportStatus.Queued or ImportStatus.Running))
            {
                return;
            }

            actor = await Actors.ForUserAsync(db, run.UserId, cancellationToken);
            lookups = await ImportLookups.LoadAsync(db, run.Kind, cancellationToken);
        }

        try
        {
            if (actor is null)
            {
                throw new ForbiddenException();
            }

            var map = JsonSerializer.Deserialize<Dictionary<string, int>>(run.MappingJson) ?? [];
            var encoding = run.Encoding == ImportFile.Xlsx ? null : run.Encoding;
            var total = ImportFile.Open(store.RunPath(importId), run.FileName, encoding).Rows.Count();
            await UpdateAsync(importId, r => r.Started(total), cancellationToken);
            var dealsChanged = false;
            var number = 1 + run.ProcessedRows;
            foreach (var chunk in ImportFile.Open(store.RunPath(importId), run.FileName, encoding).Rows.Skip(run.ProcessedRows).Chunk(BatchSize))
            {
                var rows = chunk.Select(cells => new ImportRow(++number, cells, map, run.DateFormat)).ToList();
                dealsChanged |= await BatchAsync(importId, actor, lookups, rows, run.DryRun, cancellationToken);
                await events.PublishAsync(new ImportProgressed(importId, run.UserId, ImportStatus.Running, number - 1, total));
                if (!run.DryRun)
                {
                    await Task.Delay(PauseBetweenBatches, cancellationToken);
                }
            }

            var done = await UpdateAsync(importId, r => r.Finished(time.GetUtcNow().UtcDateTime), cancellationToken);
            logger.LogInformation("Import {Id} of {Kind} by {UserId}: {Created} created, {Updated} updated, {Skipped} skipped, {Failed} refused{Dry}",
                importId, run.Kind, run.UserId, done.Created, done.Updated, done.Skipped, done.Failed, run.DryRun ? " (dry run)" : "");
            await events.PublishAsync(new ImportProgressed(importId, run.UserId, ImportStatus.Done, done.ProcessedRows, total));
            if (dealsChanged && !run.DryRun)
            {
                await events.PublishAsync(new DealsImported(importId, run.UserName));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever stopped it, the import says so (and keeps what its committed batches did, which undo can take back).
            logger.LogWarning(e, "Import {Id} failed", importId);
            var failed = await UpdateAsync(importId, r => r.Crashed(e is DomainException d ? d.Code : e.Message, time.GetUtcNow().UtcDateTime), cancellationToken);
            await events.PublishAsync(new ImportProgressed(importId, run.UserId, ImportStatus.Failed, failed.ProcessedRows, failed.TotalRows));
        }
    }

    /// <returns>Whether the batch made or changed deals.</returns>
    private async Task<bool> BatchAsync(int importId, Actor actor, ImportLookups lookups, IReadOnlyList<ImportRow> rows, bool dryRun,
        CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            // A dry run reads and writes only what it found: no transaction, so it holds no lock while it checks.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await ApplyBatchAsync(db, importId, actor, lookups, rows, cancellationToken);
        }

        return await contexts.InTransactionAsync(db => ApplyBatchAsync(db, importId, actor, lookups, rows, cancellationToken), cancellationToken);
    }

    private async Task<bool> ApplyBatchAsync(LtcHubDbContext db, int importId, Actor actor, ImportLookups lookups, IReadOnlyList<ImportRow> rows,
        CancellationToken cancellationToken)
    {
        var run = await db.Imports.SingleAsync(i => i.Id == importId, cancellationToken);
        var batch = new ImportBatch(db, run, actor, lookups, time.GetUtcNow().UtcDateTime);
        foreach (var row in rows)
        {
            try
            {
                batch.Count(await ApplyAsync(batch, row));
            }
            catch (DomainException refused)
            {
                batch.Refuse(row.Number, refused);
            }
        }

        if (batch.DryRun)
        {
            // Nothing a dry run touched is saved: only what it found.
            db.ChangeTracker.Clear();
            run = await db.Imports.SingleAsync(i => i.Id == importId, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var step in batch.AfterSave)
            {
                await step();
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ImportItems.AddRange(batch.Items());
            db.AuditEntries.AddRange(batch.Audits.Select(audit => audit()));
        }

        db.ImportRowErrors.AddRange(batch.Errors);
        var (created, updated, skipped, failed) = batch.Counts;
        run.Progressed(run.ProcessedRows + rows.Count, created, updated, skipped, failed);
        await db.SaveChangesAsync(cancellationToken);
        return batch.DealsChanged;
    }

    private static Task<RowOutcome> ApplyAsync(ImportBatch batch, ImportRow row) => batch.Run.Kind switch
    {
        ImportKind.Leads => CustomerImport.LeadAsync(batch, row),
        ImportKind.Accounts => CustomerImport.AccountAsync(batch, row),
        ImportKind.Contacts => CustomerImport.ContactAsync(batch, row),
        ImportKind.Deals => RecordImport.DealAsync(batch, row),
        ImportKind.Products => RecordImport.ProductAsync(batch, row),
        _ => RecordImport.InvoiceAsync(batch, row),
    };

    private async Task<ImportRun> UpdateAsync(int importId, Action<ImportRun> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Imports.SingleAsync(i => i.Id == importId, cancellationToken);
        change(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }
}
