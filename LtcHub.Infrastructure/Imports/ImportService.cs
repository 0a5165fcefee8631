using System.Text.Json;
using LtcHub.Domain.Catalog;
using LtcHub.Domain.Common;
using LtcHub.Domain.Quotes;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Imports;

public sealed record PreviewRow(int Number, IReadOnlyList<string?> Cells, IReadOnlyList<DomainException> Problems, IReadOnlyList<string> Ambiguous);

/// <summary>A file as the import page shows it before anything is imported: how it decoded, its columns, their fields, the first rows and what is wrong with them.</summary>
public sealed record ImportPreview(
    string FileKey, string FileName, ImportKind Kind, string Encoding, string? Delimiter, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, int> Mapping,
    string DateOrder, IReadOnlyList<PreviewRow> Rows, int TotalRows)
{
    public IReadOnlyList<ImportField> Fields => ImportFields.Of(Kind);

    public int AmbiguousDates => Rows.Sum(r => r.Ambiguous.Count);
}

public sealed record ImportRequest(
    ImportKind Kind, string FileKey, string FileName, string? Encoding, IReadOnlyDictionary<string, int> Mapping, string DateOrder, DuplicatePolicy Policy,
    bool DryRun);

public sealed record ImportRowProblem(int RowNumber, bool Skipped, string Code, IReadOnlyList<string> Args);

/// <summary>
/// The import page's side of importing: reading an upload for its preview (decoding, columns mapped by remembered
/// choices and header synonyms, the first rows checked), starting an import after checking who may import what and
/// that every required field has a column, the history, and the rows an import did not take.
/// </summary>
public sealed class ImportService(IDbContextFactory<LtcHubDbContext> contexts, ImportStore store, TimeProvider time)
{
    public const int PreviewRows = 20;

    public Task<string> UploadAsync(Stream content, CancellationToken cancellationToken = default) => store.SaveUploadAsync(content, cancellationToken);

    /// <summary>Who may import what: the same people who may make those records by hand.</summary>
    public static bool MayImport(Actor actor, ImportKind kind) => kind switch
    {
        ImportKind.Products => Product.CanManage(actor),
        ImportKind.Invoices => DocumentPolicy.CanBill(actor),
        _ => actor.IsAdmin || actor.IsInRole(Roles.Sales),
    };

    /// <param name="mapping">Null: map the columns from the person's remembered choices and the header synonyms.</param>
    public async Task<ImportPreview> PreviewAsync(Actor actor, ImportKind kind, string fileKey, string fileName, string? encoding, string dateOrder,
        IReadOnlyDictionary<string, int>? mapping = null)
    {
        Require(actor, kind);
        var table = ImportFile.Open(store.UploadPath(fileKey), fileName, encoding);
        if (mapping is null)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var remembered = await db.ImportMappings.AsNoTracking().Where(m => m.UserId == actor.UserId && m.Kind == kind)
                .ToDictionaryAsync(m => m.Header, m => m.Field);
            mapping = ImportFields.AutoMap(kind, table.Headers, remembered);
        }

        var rows = new List<PreviewRow>();
        var total = 0;
        foreach (var cells in table.Rows)
        {
            total++;
            if (rows.Count < PreviewRows)
            {
                var row = new ImportRow(total + 1, cells, mapping, dateOrder);
                rows.Add(new PreviewRow(row.Number, cells, Problems(kind, row), row.Ambiguous));
            }
        }

        return new ImportPreview(fileKey, fileName, kind, table.Encoding, table.Delimiter, table.Headers, mapping, dateOrder, rows, total);
    }

    /// <summary>Checks the request, remembers the mapping for next time, and queues the import; returns its id.</summary>
    public async Task<int> StartAsync(Actor actor, ImportRequest request)
    {
        Require(actor, request.Kind);
        if (!Enum.IsDefined(request.Policy) || !ImportDateOrder.All.Contains(request.DateOrder))
        {
            throw new DomainException("Error.NotFound");
        }

        var table = ImportFile.Open(store.UploadPath(request.FileKey), request.FileName, request.Encoding);
        var fields = ImportFields.Of(request.Kind);
        if (request.Mapping.Any(m => fields.All(f => f.Key != m.Key) || m.Value < 0 || m.Value >= table.Headers.Count)
            || request.Mapping.Values.Distinct().Count() != request.Mapping.Count)
        {
            throw new DomainException("Error.ImportMapping");
        }

        if (fields.FirstOrDefault(f => f.Required && !request.Mapping.ContainsKey(f.Key)) is { } missing)
        {
            throw new DomainException("Error.ImportFieldUnmapped", "Import.Field." + missing.Key);
        }

        await using var db = await contexts.CreateDbContextAsync();
        var remembered = await db.ImportMappings.Where(m => m.UserId == actor.UserId && m.Kind == request.Kind).ToListAsync();
        foreach (var (field, column) in request.Mapping)
        {
            var header = ImportFields.Normalize(table.Headers[column]);
            if (header.Length is 0 or > 100)
            {
                continue;
            }

            if (remembered.FirstOrDefault(m => m.Header == header) is { } known)
            {
                known.Remap(field);
            }
            else
            {
                db.ImportMappings.Add(new ImportMappingMemory(actor.UserId, request.Kind, header, field));
            }
        }

        var run = new ImportRun(actor.UserId, actor.DisplayName, request.Kind, request.FileName, table.Encoding, JsonSerializer.Serialize(request.Mapping),
            request.DateOrder, request.Policy, request.DryRun, time.GetUtcNow().UtcDateTime);
        db.Imports.Add(run);
        await db.SaveChangesAsync();
        store.Keep(request.FileKey, run.Id);
        return run.Id;
    }

    /// <summary>A person's imports, newest first (Admin: everyone's).</summary>
    public async Task<IReadOnlyList<ImportRun>> HistoryAsync(Actor actor, int take = 50)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Imports.AsNoTracking().Where(i => actor.IsAdmin || i.UserId == actor.UserId)
            .OrderByDescending(i => i.CreatedAtUtc).ThenByDescending(i => i.Id).Take(take).ToListAsync();
    }

    public async Task<ImportRun> GetAsync(Actor actor, int importId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && (actor.IsAdmin || i.UserId == actor.UserId))
            ?? throw new NotFoundException();
    }

    /// <summary>The rows an import refused or skipped, in file order, with their reasons (translation keys and arguments).</summary>
    public async Task<IReadOnlyList<ImportRowProblem>> ProblemsAsync(Actor actor, int importId, int take = int.MaxValue)
    {
        await GetAsync(actor, importId);
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.ImportRowErrors.AsNoTracking().Where(e => e.ImportId == importId).OrderBy(e => e.RowNumber).Take(take).ToListAsync())
            .Select(e => new ImportRowProblem(e.RowNumber, e.Skipped, e.Code, JsonSerializer.Deserialize<List<string>>(e.Args) ?? [])).ToList();
    }

    /// <summary>The file's header and the refused (and skipped) rows as they were, to fix and import again; null once the file is gone.</summary>
    public async Task<(IReadOnlyList<string> Headers, IReadOnlyList<(ImportRowProblem Problem, string?[] Cells)> Rows)?> RejectedAsync(Actor actor, int importId)
    {
        var run = await GetAsync(actor, importId);
        var problems = (await ProblemsAsync(actor, importId)).ToDictionary(p => p.RowNumber);
        if (!File.Exists(store.RunPath(importId)))
        {
            return null;
        }

        var table = ImportFile.Open(store.RunPath(importId), run.FileName, run.Encoding == ImportFile.Xlsx ? null : run.Encoding);
        var rows = table.Rows.Select((cells, i) => (Number: i + 2, cells)).Where(r => problems.ContainsKey(r.Number))
            .Select(r => (problems[r.Number], r.cells)).ToList();
        return (table.Headers, rows);
    }

    private static void Require(Actor actor, ImportKind kind)
    {
        if (!Enum.IsDefined(kind) || !MayImport(actor, kind))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>What is wrong with a row before any record is looked at: a required value missing, a number, date or choice that does not read.</summary>
    private static List<DomainException> Problems(ImportKind kind, ImportRow row)
    {
        var problems = new List<DomainException>();
        foreach (var field in ImportFields.Of(kind))
        {
            try
            {
                if (field.Required && row.Text(field.Key) is null)
                {
                    throw new DomainException("Error.Required", "Import.Field." + field.Key);
                }

                _ = field.Key switch
                {
                    ImportFields.Amount or ImportFields.Price or ImportFields.PaidAmount => row.Decimal(field.Key),
                    ImportFields.TaxRate => row.Percent(field.Key),
                    ImportFields.CloseDate or ImportFields.IssueDate or ImportFields.DueDate or ImportFields.PaidDate => row.Date(field.Key) is null ? null : 0m,
                    ImportFields.Source => row.Choice(field.Key, ImportChoices.Sources) is null ? null : 0m,
                    ImportFields.Level => row.Choice(field.Key, ImportChoices.Levels) is null ? null : 0m,
                    ImportFields.Size => row.Choice(field.Key, ImportChoices.Sizes) is null ? null : 0m,
                    _ => null,
                };
            }
            catch (DomainException problem)
            {
                problems.Add(problem);
            }
        }

        if (row.Text(ImportFields.ContactName) is not null || row.Text(ImportFields.Phone) is not null || row.Text(ImportFields.Email) is not null)
        {
            try
            {
                Domain.Accounts.Contact.Validate(row.Text(ImportFields.ContactName), row.Text(ImportFields.Email), row.Text(ImportFields.Phone), row.Text(ImportFields.Title));
            }
            catch (DomainException problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }
}
