using System.Globalization;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Catalog;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;
using F = LtcHub.Infrastructure.Imports.ImportFields;

namespace LtcHub.Infrastructure.Imports;

/// <summary>
/// Deals, products and invoices (with what was paid on them, for a migration), row by row, under the rules of the
/// board, the products page and billing: a deal enters its stage only if that stage's entry rules hold; an invoice
/// only for a won deal, never above what is left of it; a row is checked whole before anything changes.
/// </summary>
internal static class RecordImport
{
    public static async Task<RowOutcome> DealAsync(ImportBatch b, ImportRow row)
    {
        var known = Company(b, row);
        var name = row.Text(F.DealName);
        var stageKey = row.Text(F.Stage) is { } s
            ? b.Lookups.Stages.TryGetValue(F.Normalize(s), out var key) ? key : throw new DomainException("Error.ImportChoice", "Import.Field.stage", s)
            : null;
        var amount = row.Decimal(F.Amount);
        var currency = ImportChoices.Currency(row.Text(F.Currency)) ?? Money.DefaultCurrency;
        var closeDate = row.Date(F.CloseDate);
        var nextStep = row.Text(F.NextStep);
        var (ownerId, teamId) = CustomerImport.Owner(b, row);
        if (known.Made is null)
        {
            var account = await b.Db.Accounts.FindAsync(known.Id);
            if (account is null || !AccountPolicy.CanSee(b.Actor, account, account.OwnerId == b.Actor.UserId))
            {
                throw new DomainException("Error.ImportAccountUnknown", row.Text(F.Company)!);
            }

            if (account.InPool && !b.Actor.IsAdmin && !b.Actor.Manages(teamId))
            {
                throw new DomainException("Error.InPoolClaimFirst");
            }
        }

        var first = await ImportStages.FirstAsync(b);
        var stage = stageKey is null || stageKey == first.Key ? first : await ImportStages.ByKeyAsync(b, stageKey);
        var probe = new Deal(name ?? "", 0, ownerId, teamId, first, amount, currency, closeDate, b.Now);
        if (stage != first)
        {
            if (!PipelinePolicy.CanMove(b.Actor, probe, first, stage))
            {
                throw new ForbiddenException("Error.MoveForbidden");
            }

            probe.MoveTo(stage, new StageEntryInput(amount, closeDate), new DealFacts(false, false, false), b.Actor, b.Now);
        }

        if (known.Made is null && b.Lookups.Deals.TryGetValue((known.Id, F.Normalize(name)), out var dealId))
        {
            switch (b.Run.Policy)
            {
                case DuplicatePolicy.Skip:
                    return b.Skip(row.Number, "Import.DuplicateDeal", name!);
                case DuplicatePolicy.Update:
                    var deal = await b.Db.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == dealId);
                    if (!PipelinePolicy.CanEdit(b.Actor, deal))
                    {
                        throw new ForbiddenException();
                    }

                    var before = new DealEdit(deal.Name, deal.Amount, deal.Currency, deal.ExpectedCloseDate, deal.NextStep, deal.NextStepDueDate, deal.ProbabilityOverride);
                    var audit = deal.Edit(before with
                    {
                        Amount = amount ?? deal.Amount, Currency = row.Text(F.Currency) is null ? deal.Currency : currency,
                        ExpectedCloseDate = closeDate ?? deal.ExpectedCloseDate, NextStep = nextStep ?? deal.NextStep,
                    }, b.Actor, b.Now);
                    if (!b.DryRun)
                    {
                        b.Db.AuditEntries.AddRange(audit);
                    }

                    b.Changed(row.Number, Deal.EntityType, () => deal.Id, () => deal.Version, before);
                    b.DealsChanged = true;
                    return RowOutcome.Updated;
            }
        }

        b.AfterSave.Add(() =>
        {
            var deal = new Deal(probe.Name, known.Id, ownerId, teamId, stage, amount, currency, closeDate, b.Now);
            if (nextStep is not null)
            {
                deal.Edit(new DealEdit(deal.Name, amount, currency, closeDate, nextStep, null, null), b.Actor, b.Now);
            }

            b.Add(deal);
            b.Made(row.Number, Deal.EntityType, () => deal.Id, () => deal.Version);
            b.Audits.Add(() => new AuditEntry(b.Now, b.Actor.UserId, b.Actor.DisplayName, Deal.EntityType, deal.Id.ToString(CultureInfo.InvariantCulture),
                DealFields.Stage, null, stage.Key));
            return Task.CompletedTask;
        });
        b.DealsChanged = true;
        return RowOutcome.Created;
    }

    public static async Task<RowOutcome> ProductAsync(ImportBatch b, ImportRow row)
    {
        var nameZh = row.Text(F.NameZh) ?? "";
        var nameEn = row.Text(F.NameEn) ?? nameZh;
        var unit = row.Text(F.Unit) ?? "";
        var price = row.Decimal(F.Price) ?? throw new DomainException("Error.Required", "Import.Field.price");
        var currency = ImportChoices.Currency(row.Text(F.Currency)) ?? Money.DefaultCurrency;
        var tax = row.Percent(F.TaxRate) ?? 0m;
        var made = new Product(nameZh, nameEn, unit, price, currency, tax); // every rule of the products page, before anything changes
        if (b.Lookups.Products.TryGetValue(F.Normalize(nameZh), out var match))
        {
            switch (b.Run.Policy)
            {
                case DuplicatePolicy.Skip:
                    return b.Skip(row.Number, "Import.DuplicateProduct", nameZh);
                case DuplicatePolicy.Update:
                    var product = match.Made ?? await b.Db.Products.SingleAsync(p => p.Id == match.Id);
                    var before = new { product.NameZh, product.NameEn, product.Unit, product.ListPrice, product.Currency, product.TaxRate, product.Active };
                    product.Update(made.NameZh, made.NameEn, made.Unit, made.ListPrice, made.Currency, made.TaxRate, product.Active);
                    b.Changed(row.Number, nameof(Product), () => product.Id, () => product.Version, before);
                    return RowOutcome.Updated;
            }
        }

        b.Add(made);
        b.Lookups.Products[F.Normalize(nameZh)] = (0, made);
        b.Made(row.Number, nameof(Product), () => made.Id, () => made.Version);
        return RowOutcome.Created;
    }

    public static async Task<RowOutcome> InvoiceAsync(ImportBatch b, ImportRow row)
    {
        var number = Text.Required(row.Text(F.Number), Invoice.NumberMaxLength, "Import.Field.number");
        var known = Company(b, row);
        var dealName = row.Text(F.DealName) ?? throw new DomainException("Error.Required", "Import.Field.dealName");
        if (!b.Lookups.Deals.TryGetValue((known.Id, F.Normalize(dealName)), out var dealId))
        {
            throw new DomainException("Error.ImportDealUnknown", dealName);
        }

        var amount = row.Decimal(F.Amount) ?? throw new DomainException("Error.Required", "Import.Field.amount");
        var issue = row.Date(F.IssueDate) ?? throw new DomainException("Error.Required", "Import.Field.issueDate");
        var due = row.Date(F.DueDate);
        var paid = row.Decimal(F.PaidAmount);
        var paidOn = row.Date(F.PaidDate);
        var reference = row.Text(F.Reference);
        var deal = await b.Db.Deals.Include(d => d.Stage).SingleAsync(d => d.Id == dealId);
        if (!deal.IsWonOrBeyond)
        {
            throw new DomainException("Error.InvoiceNeedsWonDeal");
        }

        if (await b.Db.Contracts.AnyAsync(c => c.DealId == dealId))
        {
            throw new DomainException("Error.ImportInvoiceHasPlan");
        }

        if (ImportChoices.Currency(row.Text(F.Currency)) is { } currency && currency != deal.Currency)
        {
            throw new DomainException("Error.ImportCurrencyMismatch", currency, deal.Currency);
        }

        if (paidOn is not null && paid is null)
        {
            throw new DomainException("Error.Required", "Import.Field.paidAmount");
        }

        var invoiced = await InvoicedAsync(b, dealId);
        if (amount > (deal.Amount ?? 0m) - invoiced)
        {
            throw new DomainException("Error.InvoiceOverDeal", (deal.Amount ?? 0m) - invoiced);
        }

        var invoice = new Invoice(number, deal.Id, deal.AccountId, null, amount, deal.Currency, issue, due is { } d ? d.DayNumber - issue.DayNumber : 30, b.Now);
        if (paid is > 0)
        {
            invoice.Pay(paid.Value, paidOn ?? issue, reference, $"import-{b.Run.Id}-{row.Number}", b.Actor.UserId, b.Now);
        }

        if (b.Lookups.InvoiceNumbers.Contains(number))
        {
            return b.Run.Policy == DuplicatePolicy.CreateAnyway
                ? throw new DomainException("Error.ImportInvoiceNumberTaken", number)
                : b.Skip(row.Number, "Import.DuplicateInvoice", number);
        }

        b.Add(invoice);
        b.Lookups.InvoiceNumbers.Add(number);
        b.Lookups.Invoiced[dealId] = invoiced + amount;
        b.Made(row.Number, nameof(Invoice), () => invoice.Id, () => invoice.Version);
        return RowOutcome.Created;
    }

    private static KnownAccount Company(ImportBatch b, ImportRow row)
    {
        var company = row.Text(F.Company) ?? throw new DomainException("Error.Required", "Import.Field.company");
        return b.Lookups.AccountsByName.TryGetValue(Matching.CompanyKey(company), out var known)
            ? known
            : throw new DomainException("Error.ImportAccountUnknown", company);
    }

    private static async Task<decimal> InvoicedAsync(ImportBatch b, int dealId)
    {
        if (!b.Lookups.Invoiced.TryGetValue(dealId, out var sum))
        {
            sum = (await b.Db.Invoices.Where(i => i.DealId == dealId).Select(i => i.Amount).ToListAsync()).Sum();
            b.Lookups.Invoiced[dealId] = sum;
        }

        return sum;
    }
}
