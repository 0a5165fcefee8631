using LtcHub.Domain.Accounts;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Api;
using LtcHub.Web.Exports;

namespace LtcHub.Web.Api;

/// <summary>A company's profile and status as a client changes it (every field: what is left out becomes empty).</summary>
public sealed record AccountUpdate(
    string Name, string? EnglishName, string? Industry, string? City, string? PreferredCulture, CustomerLevel Level, SizeBand Size, AccountStatus Status);

public sealed record ApiAccountDetails(
    int Id, string Name, string? EnglishName, string? Industry, string? City, string PreferredCulture, CustomerLevel Level, SizeBand Size,
    AccountStatus Status, LeadSource? Source, string? OwnerId, string? OwnerName, string? TeamName, bool InPool, DateTime? LastFollowUpAtUtc,
    IReadOnlyList<ApiContact> Contacts, IReadOnlyList<int> DealIds, long Version)
{
    public static ApiAccountDetails From(AccountView a) => new(a.Id, a.Name, a.EnglishName, a.Industry, a.City, a.PreferredCulture, a.Level, a.Size,
        a.Status, a.Source, a.OwnerId, a.OwnerName, a.TeamName, a.InPool, a.LastFollowUpAtUtc,
        [.. a.Contacts.Select(c => new ApiContact(c.Id, a.Id, a.Name, c.Name, c.Title, c.Email, c.Phone, a.Version))], [.. a.Deals.Select(d => d.Id)], a.Version);
}

public sealed record ContactCreate(int AccountId, string Name, string? Title, string? Email, string? Phone);

/// <summary>
/// <c>/api/v1/leads</c>, <c>/accounts</c> and <c>/contacts</c>: the front of the funnel through the same services as
/// the leads and customers pages — the duplicate check (409, naming only who has the company), the pool, visibility.
/// A new company comes in as a lead (ADR 006); a lead is a deal, read and changed under <c>/deals</c>.
/// </summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapGet("/", async (HttpRequest request, LeadService service, ApiReader reader) =>
        {
            var paging = ApiHttp.Paging(request.Query);
            IReadOnlyList<LeadRow> rows = await service.ListAsync(request.HttpContext.User.Actor(), FilterQuery.Parse<LeadFilter>(request.Query), ExportLists.MaxRows);
            if (paging.UpdatedSince is { } since)
            {
                var changed = await reader.DealsChangedSinceAsync(since);
                rows = [.. rows.Where(r => changed.Contains(r.DealId))];
            }

            return Results.Ok(new ApiPage<LeadRow>([.. rows.Skip(paging.Skip).Take(paging.PageSize)], paging.Page, paging.PageSize, rows.Count));
        });
        leads.MapPost("/", async (LeadDraft body, HttpContext http, LeadService service) =>
        {
            var card = await service.CaptureAsync(http.User.Actor(), body);
            return ApiHttp.Created(http, $"{ApiSetup.Prefix}/deals/{card.Id}", ApiDeal.From(card), card.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);

        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", async (HttpRequest request, ApiReader reader) =>
            Results.Ok(await reader.AccountsAsync(request.HttpContext.User.Actor(), FilterQuery.Parse<AccountFilter>(request.Query), ApiHttp.Paging(request.Query))));
        accounts.MapGet("/{id:int}", async (int id, HttpContext http, AccountReader reader) =>
        {
            var account = await reader.DetailsAsync(http.User.Actor(), id);
            return ApiHttp.Tagged(http, ApiAccountDetails.From(account), account.Version);
        });
        accounts.MapPut("/{id:int}", async (int id, AccountUpdate body, HttpContext http, AccountService service, AccountReader reader) =>
        {
            var actor = http.User.Actor();
            await service.UpdateProfileAsync(actor, id, ApiHttp.IfMatch(http.Request),
                new AccountProfile(body.Name, body.EnglishName, body.Industry, body.City, body.PreferredCulture ?? Domain.Common.Languages.Chinese,
                    body.Level, body.Size), body.Status);
            var account = await reader.DetailsAsync(actor, id);
            return ApiHttp.Tagged(http, ApiAccountDetails.From(account), account.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);

        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", async (HttpRequest request, ApiReader reader) =>
            Results.Ok(await reader.ContactsAsync(request.HttpContext.User.Actor(), FilterQuery.Parse<AccountFilter>(request.Query),
                FilterQuery.Parse<ContactsQuery>(request.Query).AccountId, ApiHttp.Paging(request.Query))));
        contacts.MapGet("/{id:int}", async (int id, HttpContext http, ApiReader reader) =>
            await reader.ContactAsync(http.User.Actor(), id) is { } contact
                ? ApiHttp.Tagged(http, contact, contact.Version)
                : throw new Domain.Common.NotFoundException());

        // Adding a contact changes nothing a client could have read stale, so it takes no If-Match; the company's version still guards the write.
        contacts.MapPost("/", async (ContactCreate body, HttpContext http, AccountService service, AccountReader accountsRead, ApiReader reader) =>
        {
            var actor = http.User.Actor();
            var account = await accountsRead.DetailsAsync(actor, body.AccountId);
            var id = await service.AddContactAsync(actor, body.AccountId, account.Version, new ContactDraft(body.Name, body.Title, body.Email, body.Phone));
            var contact = (await reader.ContactAsync(actor, id))!;
            return ApiHttp.Created(http, $"{ApiSetup.Prefix}/contacts/{id}", contact, contact.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);
        contacts.MapPut("/{id:int}", async (int id, ContactDraft body, HttpContext http, AccountService service, ApiReader reader) =>
        {
            var actor = http.User.Actor();
            var contact = await reader.ContactAsync(actor, id) ?? throw new Domain.Common.NotFoundException();
            await service.EditContactAsync(actor, contact.AccountId, ApiHttp.IfMatch(http.Request), id, body);
            var changed = (await reader.ContactAsync(actor, id))!;
            return ApiHttp.Tagged(http, changed, changed.Version);
        }).RequireAuthorization(ApiSetup.WritePolicy);
        return api;
    }
}
