using System.Globalization;
using System.Text.Json;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Catalog;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Infrastructure.Imports;

/// <summary>A record undo did not touch because someone changed it (or built on it) after the import.</summary>
public sealed record LeftAlone(int RowNumber, string EntityType, int EntityId);

public sealed record UndoOutcome(int Removed, int Restored, IReadOnlyList<LeftAlone> LeftAlone);

/// <summary>
/// Takes an import back: removes what it made and puts back what it changed — but only records still as the import
/// left them (same version; nothing added on them since: a quote, an invoice, a follow-up, a meeting note). The rest is
/// listed and left alone. One transaction; the importer or an Admin; audited; every board reads itself again.
/// </summary>
public sealed class ImportUndo(IDbContextFactory<LtcHubDbContext> contexts, ImportStore store, IBoardEvents events, TimeProvider time)
{
    private const int Chunk = 500;

    public async Task<UndoOutcome> UndoAsync(Actor actor, int importId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        ImportRun run;
        List<Record> records;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            run = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && (actor.IsAdmin || i.UserId == actor.UserId))
                ?? throw new NotFoundException();
            if (run.Status is not (ImportStatus.Done or ImportStatus.Failed) || run.DryRun)
            {
                throw new DomainException("Error.ImportNotUndoable");
            }

            // One line per record: made by the import or changed (first "before"), and its version when the import was done with it.
            records = (await db.ImportItems.AsNoTracking().Where(i => i.ImportId == importId).ToListAsync())
                .GroupBy(i => (i.EntityType, i.EntityId)).Select(g => new Record(g.Key.EntityType, g.Key.EntityId, g.Min(i => i.RowNumber),
                    g.Any(i => i.Action == ImportAction.Created), g.Max(i => i.VersionAfter), g.OrderBy(i => i.Id).FirstOrDefault(i => i.Before is not null)?.Before))
                .ToList();
        }

        // Children before parents, a chunk per transaction with a pause between: other people's moves get the database in
        // between (SQLite has one writer). An undo cut short can be run again: what is already gone is simply not there.
        var undo = new Tally();
        await ChunksAsync(records, Deal.EntityType, (db, chunk) => DealsAsync(db, run, chunk, undo, actor, now));
        await ChunksAsync(records, nameof(Contact), (db, chunk) => ContactsAsync(db, run, chunk, undo));
        await ChunksAsync(records, Account.EntityType, (db, chunk) => AccountsAsync(db, chunk, undo));
        await ChunksAsync(records, nameof(Product), (db, chunk) => ProductsAsync(db, chunk, undo));
        await ChunksAsync(records, nameof(Invoice), (db, chunk) => InvoicesAsync(db, chunk, undo));
        await contexts.InTransactionAsync(async db =>
        {
            (await db.Imports.SingleAsync(i => i.Id == importId)).Undone(now);
            db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.DisplayName, "Import", importId.ToString(CultureInfo.InvariantCulture), "Undone", null,
                $"{undo.Removed} removed, {undo.Restored} restored, {undo.LeftAlone.Count} left alone"));
            return await db.SaveChangesAsync();
        });

        store.Forget(importId);
        if (records.Any(r => r.Type == Deal.EntityType))
        {
            await events.PublishAsync(new DealsImported(importId, actor.DisplayName));
        }

        return new UndoOutcome(undo.Removed, undo.Restored, undo.LeftAlone);
    }

    private async Task ChunksAsync(List<Record> records, string type, Func<LtcHubDbContext, Record[], Task> undo)
    {
        foreach (var chunk in records.Where(r => r.Type == type).Chunk(Chunk))
        {
            await contexts.InTransactionAsync(async db =>
            {
                await undo(db, chunk);
                return await db.SaveChangesAsync();
            });
            await Task.Delay(ImportRunner.PauseBetweenBatches);
        }
    }

    private sealed record Record(string Type, int Id, int Row, bool Created, long VersionAfter, string? Before);

    private sealed class Tally
    {
        public int Removed { get; set; }

        public int Restored { get; set; }

        public List<LeftAlone> LeftAlone { get; } = [];

        public void Leave(Record record) => LeftAlone.Add(new LeftAlone(record.Row, record.Type, record.Id));
    }

    private static async Task DealsAsync(LtcHubDbContext db, ImportRun run, Record[] chunk, Tally undo, Actor actor, DateTime now)
    {
        var ids = chunk.Select(r => r.Id).ToList();
        var deals = await db.Deals.Include(d => d.Stage).Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id);
        var builtOn = (await db.Quotes.Where(q => ids.Contains(q.DealId)).Select(q => q.DealId)
            .Concat(db.Contracts.Where(c => ids.Contains(c.DealId)).Select(c => c.DealId))
            .Concat(db.Invoices.Where(i => ids.Contains(i.DealId)).Select(i => i.DealId))
            .Concat(db.Scorecards.Where(s => ids.Contains(s.DealId)).Select(s => s.DealId))
            .Concat(db.AgendaItems.Where(a => ids.Contains(a.DealId)).Select(a => a.DealId))
            .Concat(db.MeetingEntries.Where(e => e.DealId != null && ids.Contains(e.DealId.Value)).Select(e => e.DealId!.Value))
            .Concat(db.ActionItems.Where(a => a.DealId != null && ids.Contains(a.DealId.Value)).Select(a => a.DealId!.Value))
            .Concat(db.FollowUps.Where(f => f.DealId != null && ids.Contains(f.DealId.Value) && !(f.AuthorId == run.UserId && f.CreatedAtUtc <= run.FinishedAtUtc))
                .Select(f => f.DealId!.Value))
            .ToListAsync()).ToHashSet();
        var removable = new List<int>();
        foreach (var record in chunk.Where(r => deals.ContainsKey(r.Id)))
        {
            var deal = deals[record.Id];
            if (deal.Version != record.VersionAfter || (record.Created && builtOn.Contains(deal.Id)))
            {
                undo.Leave(record);
            }
            else if (record.Created)
            {
                removable.Add(deal.Id);
            }
            else
            {
                db.AuditEntries.AddRange(deal.Edit(JsonSerializer.Deserialize<DealEdit>(record.Before!)!, actor, now));
                undo.Restored++;
            }
        }

        // The import's own follow-ups (a lead's notes) go with their deal.
        await db.FollowUps.Where(f => f.DealId != null && removable.Contains(f.DealId.Value)).ExecuteDeleteAsync();
        undo.Removed += await db.Deals.Where(d => removable.Contains(d.Id)).ExecuteDeleteAsync();
    }

    private static async Task ContactsAsync(LtcHubDbContext db, ImportRun run, Record[] chunk, Tally undo)
    {
        var ids = chunk.Select(r => r.Id).ToList();
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.AccountId, Stamp = EF.Property<DateTime>(c, UpdatedStamps.Property) }).ToDictionaryAsync(c => c.Id);
        var used = (await db.Quotes.Where(q => q.ContactId != null && ids.Contains(q.ContactId.Value)).Select(q => q.ContactId!.Value)
            .Concat(db.Invoices.Where(i => i.BillingContactId != null && ids.Contains(i.BillingContactId.Value)).Select(i => i.BillingContactId!.Value))
            .Concat(db.FollowUps.Where(f => f.ContactId != null && ids.Contains(f.ContactId.Value)).Select(f => f.ContactId!.Value))
            .ToListAsync()).ToHashSet();
        var removable = chunk.Where(r => contacts.TryGetValue(r.Id, out var c) && c.Stamp <= run.FinishedAtUtc && !used.Contains(r.Id)).ToList();
        foreach (var record in chunk.Where(r => contacts.ContainsKey(r.Id)).Except(removable))
        {
            undo.Leave(record);
        }

        var gone = removable.Select(r => r.Id).ToList();
        undo.Removed += await db.Contacts.Where(c => gone.Contains(c.Id)).ExecuteDeleteAsync();
    }

    private static async Task AccountsAsync(LtcHubDbContext db, Record[] chunk, Tally undo)
    {
        var ids = chunk.Select(r => r.Id).ToList();
        var accounts = await db.Accounts.Include(a => a.Contacts).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var builtOn = (await db.Deals.Where(d => ids.Contains(d.AccountId)).Select(d => d.AccountId)
            .Concat(db.Invoices.Where(i => ids.Contains(i.AccountId)).Select(i => i.AccountId))
            .Concat(db.FollowUps.Where(f => ids.Contains(f.AccountId)).Select(f => f.AccountId))
            .ToListAsync()).ToHashSet();
        var removable = new List<int>();
        foreach (var record in chunk.Where(r => accounts.ContainsKey(r.Id)))
        {
            var account = accounts[record.Id];
            if (account.Version != record.VersionAfter || account.MergedIntoId is not null || (record.Created && builtOn.Contains(account.Id)))
            {
                undo.Leave(record);
            }
            else if (record.Created)
            {
                removable.Add(account.Id);
            }
            else
            {
                var before = JsonSerializer.Deserialize<AccountSnapshot>(record.Before!)!;
                account.SetProfile(new AccountProfile(before.Name, before.EnglishName, before.Industry, before.City, before.Culture, before.Level, before.Size));
                if (before.Contact is { } c && account.Contacts.Any(x => x.Id == c.Id))
                {
                    account.EditContact(c.Id, c.Name, c.Email, c.Phone, c.Title);
                }

                undo.Restored++;
            }
        }

        await db.SaveChangesAsync();
        await db.Contacts.Where(c => removable.Contains(c.AccountId)).ExecuteDeleteAsync();
        undo.Removed += await db.Accounts.Where(a => removable.Contains(a.Id)).ExecuteDeleteAsync();
    }

    private static async Task ProductsAsync(LtcHubDbContext db, Record[] chunk, Tally undo)
    {
        var ids = chunk.Select(r => r.Id).ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var quoted = (await db.QuoteLines.Where(l => l.ProductId != null && ids.Contains(l.ProductId.Value)).Select(l => l.ProductId!.Value).ToListAsync()).ToHashSet();
        foreach (var record in chunk.Where(r => products.ContainsKey(r.Id)))
        {
            var product = products[record.Id];
            if (product.Version != record.VersionAfter || (record.Created && quoted.Contains(product.Id)))
            {
                undo.Leave(record);
            }
            else if (record.Created)
            {
                db.Products.Remove(product);
                undo.Removed++;
            }
            else
            {
                var b = JsonSerializer.Deserialize<ProductBefore>(record.Before!)!;
                product.Update(b.NameZh, b.NameEn, b.Unit, b.ListPrice, b.Currency, b.TaxRate, b.Active);
                undo.Restored++;
            }
        }

        await db.SaveChangesAsync();
    }

    private sealed record ProductBefore(string NameZh, string NameEn, string Unit, decimal ListPrice, string Currency, decimal TaxRate, bool Active);

    private static async Task InvoicesAsync(LtcHubDbContext db, Record[] chunk, Tally undo)
    {
        var ids = chunk.Select(r => r.Id).ToList();
        var versions = await db.Invoices.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Version }).ToDictionaryAsync(i => i.Id, i => i.Version);
        var dunned = (await db.DunningNotices.Where(n => ids.Contains(n.InvoiceId)).Select(n => n.InvoiceId).ToListAsync()).ToHashSet();
        var removable = chunk.Where(r => versions.TryGetValue(r.Id, out var v) && v == r.VersionAfter && !dunned.Contains(r.Id)).Select(r => r.Id).ToList();
        foreach (var record in chunk.Where(r => versions.ContainsKey(r.Id) && !removable.Contains(r.Id)))
        {
            undo.Leave(record);
        }

        await db.Payments.Where(p => removable.Contains(p.InvoiceId)).ExecuteDeleteAsync();
        undo.Removed += await db.Invoices.Where(i => removable.Contains(i.Id)).ExecuteDeleteAsync();
    }
}
