namespace LtcHub.Infrastructure.Imports;

/// <summary>What a file brings in.</summary>
public enum ImportKind
{
    Leads,
    Accounts,
    Contacts,
    Deals,
    Products,
    Invoices,
}

/// <summary>What to do with a row that matches a record already there (the duplicate check, 查重).</summary>
public enum DuplicatePolicy
{
    Skip,
    Update,
    CreateAnyway,
}

public enum ImportStatus
{
    Queued,
    Running,
    Done,
    Failed,
    Undone,
}

/// <summary>
/// One import of one file: who, when, which file, how it was read (encoding, mapping, date format, duplicate policy),
/// where it stands, and its counts. A dry run checks every row and writes nothing. The file itself is kept outside
/// the web root until the import is undone, so its rejected rows can be downloaded to fix.
/// </summary>
public sealed class ImportRun
{
    public const int FileNameMaxLength = 200;

    private ImportRun()
    {
    }

    public ImportRun(string userId, string userName, ImportKind kind, string fileName, string encoding, string mappingJson, string dateFormat,
        DuplicatePolicy policy, bool dryRun, DateTime nowUtc)
    {
        UserId = userId;
        UserName = userName;
        Kind = kind;
        FileName = Domain.Common.Text.Truncate(fileName, FileNameMaxLength);
        Encoding = encoding;
        MappingJson = mappingJson;
        DateFormat = dateFormat;
        Policy = policy;
        DryRun = dryRun;
        CreatedAtUtc = nowUtc;
        Status = ImportStatus.Queued;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; } = "";

    public string UserName { get; private set; } = "";

    public ImportKind Kind { get; private set; }

    public string FileName { get; private set; } = "";

    /// <summary>How the file was decoded (utf-8, gb18030, …; "xlsx" for a workbook).</summary>
    public string Encoding { get; private set; } = "";

    /// <summary>Field key → column index, as JSON.</summary>
    public string MappingJson { get; private set; } = "";

    public string DateFormat { get; private set; } = "";

    public DuplicatePolicy Policy { get; private set; }

    public bool DryRun { get; private set; }

    public ImportStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public int TotalRows { get; private set; }

    public int ProcessedRows { get; private set; }

    public int Created { get; private set; }

    public int Updated { get; private set; }

    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    public string? Error { get; private set; }

    public DateTime? UndoneAtUtc { get; private set; }

    public void Started(int totalRows) => (Status, TotalRows) = (ImportStatus.Running, totalRows);

    public void Progressed(int processed, int created, int updated, int skipped, int failed) =>
        (ProcessedRows, Created, Updated, Skipped, Failed) = (processed, Created + created, Updated + updated, Skipped + skipped, Failed + failed);

    public void Finished(DateTime nowUtc) => (Status, FinishedAtUtc) = (ImportStatus.Done, nowUtc);

    public void Crashed(string error, DateTime nowUtc) => (Status, Error, FinishedAtUtc) = (ImportStatus.Failed, Domain.Common.Text.Truncate(error, 1000), nowUtc);

    public void Undone(DateTime nowUtc) => (Status, UndoneAtUtc) = (ImportStatus.Undone, nowUtc);
}

public enum ImportAction
{
    Created,
    Updated,
}

/// <summary>What one import did to one record: made it, or changed it (with what it was before), and its version right after.</summary>
public sealed class ImportItem
{
    private ImportItem()
    {
    }

    public ImportItem(int importId, int rowNumber, string entityType, int entityId, ImportAction action, long versionAfter, string? before)
    {
        ImportId = importId;
        RowNumber = rowNumber;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        VersionAfter = versionAfter;
        Before = before;
    }

    public long Id { get; private set; }

    public int ImportId { get; private set; }

    public int RowNumber { get; private set; }

    public string EntityType { get; private set; } = "";

    public int EntityId { get; private set; }

    public ImportAction Action { get; private set; }

    public long VersionAfter { get; private set; }

    /// <summary>The record as it was before an update (JSON), to put back on undo.</summary>
    public string? Before { get; private set; }
}

/// <summary>A row the import did not take, and why (a rule refused it, or it matched a record and was skipped).</summary>
public sealed class ImportRowError
{
    public const int MessageMaxLength = 500;

    private ImportRowError()
    {
    }

    public ImportRowError(int importId, int rowNumber, bool skipped, string code, string args)
    {
        ImportId = importId;
        RowNumber = rowNumber;
        Skipped = skipped;
        Code = code;
        Args = Domain.Common.Text.Truncate(args, MessageMaxLength);
    }

    public long Id { get; private set; }

    public int ImportId { get; private set; }

    /// <summary>The row's number in the file as a spreadsheet shows it (the header is row 1).</summary>
    public int RowNumber { get; private set; }

    public bool Skipped { get; private set; }

    /// <summary>The refusal's translation key, and its arguments (JSON), shown in the reader's language.</summary>
    public string Code { get; private set; } = "";

    public string Args { get; private set; } = "";
}

/// <summary>A person's column mapping for one kind, remembered: a file header (normalized) → a field.</summary>
public sealed class ImportMappingMemory
{
    private ImportMappingMemory()
    {
    }

    public ImportMappingMemory(string userId, ImportKind kind, string header, string field)
    {
        UserId = userId;
        Kind = kind;
        Header = header;
        Field = field;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; } = "";

    public ImportKind Kind { get; private set; }

    public string Header { get; private set; } = "";

    public string Field { get; private set; } = "";

    public void Remap(string field) => Field = field;
}
