using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Contracts;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Exports;

/// <summary>The contracts page's filter as one record (what it shows, and its search text).</summary>
public sealed record ContractsQuery(ContractFilter Show = ContractFilter.Open, string? Text = null);

/// <summary>Contacts of one company; without it, of the companies the customers page's filter shows.</summary>
public sealed record ContactsQuery(int? AccountId = null);

/// <summary>Quotes of one deal; without it, every quote the person may read.</summary>
public sealed record QuotesQuery(int? DealId = null);

/// <summary>Payments on one invoice; without it, on the invoices the invoices page's filter shows.</summary>
public sealed record PaymentsQuery(int? InvoiceId = null);

/// <summary>
/// The lists a person can take away, each read through the same service (and so the same permissions) as its
/// page, with the page's filter. Headers and enum values in the person's language; days in the company's zone.
/// </summary>
public sealed class ExportLists(
    BoardStore board, LeadService leads, AccountReader accounts, InvoiceReader invoices, ContractReader contracts, ApiReader lists,
    TimeProvider time, IStringLocalizer<SharedResource> l)
{
    /// <summary>More rows than any page shows: an export is the whole filtered list.</summary>
    public const int MaxRows = 50_000;

    public const string Board = "board";
    public const string Leads = "leads";
    public const string Accounts = "accounts";
    public const string Invoices = "invoices";
    public const string Contracts = "contracts";
    public const string Contacts = "contacts";
    public const string Quotes = "quotes";
    public const string Payments = "payments";

    private static readonly ApiPaging Everything = new(1, MaxRows);

    /// <summary>The table, or null for a list that does not exist.</summary>
    public async Task<ExportTable?> TableAsync(string list, Actor actor, IQueryCollection query) => list switch
    {
        Board => BoardTable(await board.CurrentAsync(), FilterQuery.Parse<BoardFilter>(query), actor),
        Leads => LeadTable(await leads.ListAsync(actor, FilterQuery.Parse<LeadFilter>(query), MaxRows)),
        Accounts => AccountTable(await accounts.ListAsync(actor, FilterQuery.Parse<AccountFilter>(query), MaxRows)),
        Invoices => InvoiceTable(await invoices.ListAsync(actor, FilterQuery.Parse<InvoiceFilter>(query))),
        Contracts => await ContractsAsync(actor, FilterQuery.Parse<ContractsQuery>(query)),
        Contacts => ContactTable(await lists.ContactsAsync(actor, FilterQuery.Parse<AccountFilter>(query), FilterQuery.Parse<ContactsQuery>(query).AccountId,
            Everything)),
        Quotes => QuoteTable(await lists.QuotesAsync(actor, FilterQuery.Parse<QuotesQuery>(query).DealId, Everything)),
        Payments => PaymentTable(await lists.PaymentsAsync(actor, FilterQuery.Parse<InvoiceFilter>(query), FilterQuery.Parse<PaymentsQuery>(query).InvoiceId,
            Everything)),
        _ => null,
    };

    /// <summary>The board as everyone sees it, through the person's filter, stage by stage in the board's order, biggest first.</summary>
    private ExportTable BoardTable(BoardSnapshot snapshot, BoardFilter filter, Actor actor)
    {
        var english = LtcHub.Web.Localization.Cultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        var now = time.GetUtcNow().UtcDateTime;
        return new(
            Headers("Export.Deal", "Deal.Account", "Export.Stage", "Deal.Owner", "Field.Amount", "Field.Currency", "Field.CloseDate", "Export.DaysInStage",
                "Export.NextStep", "Export.NextStepDue", "Leads.Grade"),
            [.. snapshot.Stages.SelectMany(stage => snapshot.CardsIn(stage.Key).Where(c => filter.Matches(c, actor))
                .OrderByDescending(c => c.Amount ?? 0).Select(c => new object?[]
                {
                    c.Name, english ? c.AccountEnglishName ?? c.AccountName : c.AccountName, stage.Name(english), c.OwnerName, c.Amount, c.Currency,
                    c.ExpectedCloseDate, DealClock.DaysInStage(c.EnteredStageAtUtc, now),
                    c.NextStep, c.NextStepDueDate, c.Grade?.ToString(),
                }))]);
    }

    private ExportTable LeadTable(IReadOnlyList<LeadRow> rows) => new(
        Headers("Leads.Lead", "Lead.Company", "Lead.ContactName", "Lead.Source", "Lead.Campaign", "Deal.Owner", "Leads.Grade", "Score.Total",
            "Leads.Created", "FollowUp.Last", "FollowUp.Next", "Pool.Badge"),
        [.. rows.Select(r => new object?[]
        {
            r.Name, r.AccountName, r.ContactName, r.Source is { } s ? l["LeadSource." + s].Value : null, r.CampaignName,
            r.InPool ? null : r.OwnerName, r.Grade?.ToString(), r.Score, CompanyTime.Today(r.CreatedAtUtc), Day(r.LastFollowUpAtUtc), r.NextFollowUp, r.InPool,
        })]);

    private ExportTable AccountTable(IReadOnlyList<AccountRow> rows) => new(
        Headers("Lead.Company", "Account.Industry", "Account.City", "Account.Level", "Account.Size", "Account.Status", "Deal.Owner", "Pool.Badge",
            "FollowUp.Last", "Account.OpenPipeline", "Account.Payment"),
        [.. rows.Select(r => new object?[]
        {
            r.Name, r.Industry, r.City, r.Level.ToString(), l["SizeBand." + r.Size].Value, l["AccountStatus." + r.Status].Value, r.OwnerName, r.InPool,
            Day(r.LastFollowUpAtUtc), r.OpenPipeline, l["Payment." + r.Payment].Value,
        })]);

    private ExportTable InvoiceTable(IReadOnlyList<InvoiceRow> rows) => new(
        Headers("Invoices.Number", "Invoices.Deal", "Invoices.Account", "Deal.Owner", "Invoices.Amount", "Invoices.Paid", "Invoices.Balance",
            "Field.Currency", "Invoices.Issued", "Invoices.Due", "Export.DunningLevel"),
        [.. rows.Select(r => new object?[]
        {
            r.Number, r.DealName, r.AccountName, r.OwnerName, r.Amount, r.PaidAmount, r.Amount - r.PaidAmount, r.Currency, r.IssueDate, r.DueDate,
            r.DunningLevel,
        })]);

    private async Task<ExportTable> ContractsAsync(Actor actor, ContractsQuery query) =>
        ContractTable(await contracts.ListAsync(actor, query.Show, query.Text));

    private ExportTable ContractTable(IReadOnlyList<ContractView> rows) => new(
        Headers("Export.ContractNumber", "Invoices.Deal", "Invoices.Account", "Deal.Owner", "Field.SignedDate", "Field.ContractAmount", "Export.Collected",
            "Field.Currency", "Field.StartDate", "Field.EndDate", "Export.InstalmentsPaid", "Contracts.NextDue"),
        [.. rows.Select(r => new object?[]
        {
            r.Number, r.DealName, r.AccountName, r.OwnerName, r.SignedDate, r.Amount, r.Collected, r.Currency, r.StartDate, r.EndDate,
            $"{r.PaidLines}/{r.Plan.Count}", r.NextDue?.DueDate,
        })]);

    private ExportTable ContactTable(ApiPage<ApiContact> page) => new(
        Headers("Lead.Company", "Lead.ContactName", "Field.Title", "Field.Phone", "Field.Email"),
        [.. page.Items.Select(c => new object?[] { c.AccountName, c.Name, c.Title, c.Phone, c.Email })]);

    private ExportTable QuoteTable(ApiPage<ApiQuote> page) => new(
        Headers("Export.QuoteNumber", "Export.Revision", "Invoices.Deal", "Export.Status", "Export.Net", "Export.Tax", "Export.Gross", "Field.Currency",
            "Field.ValidUntil"),
        [.. page.Items.Select(q => new object?[]
        {
            q.Number, q.Revision, q.DealName, l["QuoteStatus." + q.Status].Value, q.Net, q.Tax, q.Gross, q.Currency, q.ValidUntil,
        })]);

    private ExportTable PaymentTable(ApiPage<ApiPayment> page) => new(
        Headers("Export.PaymentDate", "Invoices.Number", "Invoices.Account", "Invoices.Amount", "Field.Currency", "Export.Reference"),
        [.. page.Items.Select(p => new object?[] { p.Date, p.InvoiceNumber, p.AccountName, p.Amount, p.Currency, p.Reference })]);

    private string[] Headers(params string[] keys) => [.. keys.Select(k => l[k].Value)];

    private static DateOnly? Day(DateTime? utc) => utc is { } at ? CompanyTime.Today(at) : null;
}
