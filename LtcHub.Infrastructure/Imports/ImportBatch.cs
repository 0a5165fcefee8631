using System.Text.Json;
using LtcHub.Domain.Common;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;

namespace LtcHub.Infrastructure.Imports;

/// <summary>What became of a row.</summary>
public enum RowOutcome
{
    Created,
    Updated,
    Skipped,
}

/// <summary>
/// Up to <see cref="ImportRunner.BatchSize"/> rows written in one transaction: the records rows make or change (added to
/// the context only outside a dry run), what each did (for undo, once ids exist), the rows refused or skipped and why,
/// and the steps that need the ids of this batch's new records (a lead's deal needs its new company's id).
/// </summary>
public sealed class ImportBatch(LtcHubDbContext db, ImportRun run, Actor actor, ImportLookups lookups, DateTime nowUtc)
{
    private readonly List<(int Row, string Type, Func<int> Id, Func<long> Version, ImportAction Action, string? Before)> _items = [];

    public LtcHubDbContext Db { get; } = db;

    public ImportRun Run { get; } = run;

    public Actor Actor { get; } = actor;

    public ImportLookups Lookups { get; } = lookups;

    public DateTime Now { get; } = nowUtc;

    public bool DryRun => Run.DryRun;

    public List<ImportRowError> Errors { get; } = [];

    public List<Func<Task>> AfterSave { get; } = [];

    /// <summary>The stages as this batch's context tracks them, read once per batch.</summary>
    public Dictionary<string, Domain.Pipeline.Stage> Stages { get; } = [];

    public (int Created, int Updated, int Skipped, int Failed) Counts { get; private set; }

    /// <summary>The board shows deals this batch made: every open board reloads once the import ends.</summary>
    public bool DealsChanged { get; set; }

    /// <summary>Stores a new record (not in a dry run).</summary>
    public void Add(object entity)
    {
        if (!DryRun)
        {
            Db.Add(entity);
        }
    }

    public void Made(int row, string type, Func<int> id, Func<long> version) => _items.Add((row, type, id, version, ImportAction.Created, null));

    public void Changed(int row, string type, Func<int> id, Func<long> version, object before) =>
        _items.Add((row, type, id, version, ImportAction.Updated, JsonSerializer.Serialize(before)));

    public void Count(RowOutcome outcome) => Counts = outcome switch
    {
        RowOutcome.Created => Counts with { Created = Counts.Created + 1 },
        RowOutcome.Updated => Counts with { Updated = Counts.Updated + 1 },
        _ => Counts with { Skipped = Counts.Skipped + 1 },
    };

    /// <summary>A row that matched a record and was left out by the duplicate policy; listed with the reason.</summary>
    public RowOutcome Skip(int row, string code, params object[] args)
    {
        Errors.Add(Problem(row, skipped: true, code, args));
        return RowOutcome.Skipped;
    }

    /// <summary>Audit lines for records this batch made, written once their ids exist.</summary>
    public List<Func<AuditEntry>> Audits { get; } = [];

    public void Refuse(int row, DomainException error)
    {
        Errors.Add(Problem(row, skipped: false, error.Code, error.Args));
        Counts = Counts with { Failed = Counts.Failed + 1 };
    }

    private ImportRowError Problem(int row, bool skipped, string code, IEnumerable<object> args) =>
        new(Run.Id, row, skipped, code, JsonSerializer.Serialize(args.Select(a => a.ToString())));

    /// <summary>What the rows did, with the ids and versions the save gave them.</summary>
    public IEnumerable<ImportItem> Items() =>
        _items.Select(i => new ImportItem(Run.Id, i.Row, i.Type, i.Id(), i.Action, i.Version(), i.Before));
}
