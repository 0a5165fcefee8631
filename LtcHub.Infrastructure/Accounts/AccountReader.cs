using System.Text.Json;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Persistence;
using LtcHub.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LtcHub.Infrastructure.Accounts;

/// <summary>What the account pages read: the list and its segments, and one customer as a whole — only what the reader may see.</summary>
public sealed class AccountReader(IDbContextFactory<LtcHubDbContext> contexts, TimeProvider time, ILogger<AccountReader> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateOnly Today => CompanyTime.Today(time);

    public async Task<IReadOnlyList<AccountRow>> ListAsync(Actor actor, AccountFilter filter, int take = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Rows(db, actor, filter).Take(take).ToListAsync(cancellationToken);
        var histories = await PaymentHistories.OfAsync(db, rows.Select(r => r.Id).ToList(), Today, cancellationToken);
        var list = rows.Select(r => r with { Payment = Behaviour(histories.GetValueOrDefault(r.Id)) }).ToList();
        return filter.Payment is { } payment ? list.Where(r => r.Payment == payment).ToList() : list;
    }

    /// <summary>This person's saved segments, each with how many accounts it holds and their open pipeline now.</summary>
    public async Task<IReadOnlyList<SegmentRow>> SegmentsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segments = await db.AccountSegments.AsNoTracking().Where(s => s.OwnerId == actor.UserId).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var result = new List<SegmentRow>();
        foreach (var segment in segments)
        {
            var filter = FilterOf(segment.FilterJson);
            var rows = await ListAsync(actor, filter, int.MaxValue, cancellationToken);
            result.Add(new SegmentRow(segment.Id, segment.Name, filter, rows.Count, rows.Sum(r => r.OpenPipeline)));
        }

        return result;
    }

    public async Task<AccountView> DetailsAsync(Actor actor, int accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await AccountAccess.LoadAsync(db, actor, accountId, logger);
        var names = await db.Users.Where(u => u.Id == account.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var team = account.TeamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var campaign = account.CampaignId is { } c ? await db.Campaigns.Where(x => x.Id == c).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var deals = await BoardReader.Cards(db, q => q.Where(d => d.AccountId == accountId)).ToListAsync(cancellationToken);
        var invoices = BillingPolicy.ReadsAll(actor) || AccountPolicy.CanEdit(actor, account)
            ? await db.Invoices.AsNoTracking().Where(i => i.AccountId == accountId).OrderByDescending(i => i.IssueDate)
                .Select(i => new AccountInvoiceLine(i.Id, i.Number, i.DealId, i.Amount, i.PaidAmount, i.Currency, i.DueDate,
                    i.PaidAmount >= i.Amount ? i.Payments.Max(p => (DateOnly?)p.Date) : null))
                .ToListAsync(cancellationToken)
            : [];
        var followUps = await FollowUpQueries.Lines(db, f => f.AccountId == accountId).Take(200).ToListAsync(cancellationToken);
        return new AccountView(account.Id, account.Name, account.EnglishName, account.Industry, account.City, account.PreferredCulture, account.Level,
            account.Size, account.Status, account.Source, campaign, account.OwnerId, names, team, account.InPool, account.PooledAtUtc, account.PoolReason,
            account.LastFollowUpAtUtc, account.Version,
            account.Contacts.OrderBy(x => x.Id).Select(x => new ContactLine(x.Id, x.Name, x.Title, x.Email, x.Phone)).ToList(),
            deals, invoices, await PaymentHistories.OfAsync(db, accountId, Today, cancellationToken), followUps)
        {
            CanEdit = AccountPolicy.CanEdit(actor, account),
            CanClaim = AccountPolicy.CanClaim(actor, account),
            CanAssign = AccountPolicy.CanAssign(actor, account),
            CanRelease = AccountPolicy.CanRelease(actor, account),
            CanMerge = AccountPolicy.CanMerge(actor),
        };
    }

    /// <summary>The reps a person may hand customers and leads to: their teams' sales people (Admin: every one).</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> RepsAsync(Actor actor)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var managed = actor.ManagedTeamIds.ToList();
        var salesRole = await db.Roles.Where(r => r.Name == Roles.Sales).Select(r => r.Id).SingleOrDefaultAsync();
        var reps = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == salesRole) && u.LockoutEnd == null
                && (actor.IsAdmin || (u.TeamId != null && managed.Contains(u.TeamId.Value))))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        return reps.Select(r => (r.Id, r.DisplayName)).ToList();
    }

    public static AccountFilter FilterOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AccountFilter>(json, Json) ?? AccountFilter.Everything;
        }
        catch (JsonException)
        {
            return AccountFilter.Everything;
        }
    }

    public static string JsonOf(AccountFilter filter) => JsonSerializer.Serialize(filter, Json);

    public static PaymentBehaviour Behaviour(PaymentHistory? history) => history switch
    {
        null or { HasHistory: false } => PaymentBehaviour.None,
        { OverdueNow: > 0 } => PaymentBehaviour.Overdue,
        { Paid: > 0 } h when h.PaidOnTime < h.Paid => PaymentBehaviour.Late,
        _ => PaymentBehaviour.OnTime,
    };

    /// <summary>The list's query (public so tests can check its SQL on both providers).</summary>
    public static IQueryable<AccountRow> Rows(LtcHubDbContext db, Actor actor, AccountFilter filter) => Project(db, Filtered(db, actor, filter));

    /// <summary>The accounts <paramref name="actor"/> may see that match the filter (and, for the API, changed since a moment).</summary>
    public static IQueryable<Account> Filtered(LtcHubDbContext db, Actor actor, AccountFilter filter, DateTime? updatedSince = null)
    {
        var query = AccountAccess.Visible(db, actor).AsNoTracking();
        query = updatedSince is { } since ? query.Where(a => EF.Property<DateTime>(a, UpdatedStamps.Property) >= since) : query;
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.Name.Contains(text) || (a.EnglishName != null && a.EnglishName.Contains(text))
                || a.Contacts.Any(c => c.Name.Contains(text)));
        }

        query = filter.Industry is { } industry ? query.Where(a => a.Industry == industry) : query;
        query = filter.City is { } city ? query.Where(a => a.City == city) : query;
        query = filter.Size is { } size ? query.Where(a => a.Size == size) : query;
        query = filter.Level is { } level ? query.Where(a => a.Level == level) : query;
        query = filter.OwnerId is { } owner ? query.Where(a => a.OwnerId == owner) : query;
        query = filter.Status is { } status ? query.Where(a => a.Status == status) : query;
        return filter.InPool is { } inPool ? query.Where(a => (a.OwnerId == null) == inPool) : query;
    }

    /// <summary>The list's columns for some accounts, by name.</summary>
    public static IQueryable<AccountRow> Project(LtcHubDbContext db, IQueryable<Account> accounts)
    {
        string[] closed = [StageKeys.Lost, StageKeys.Paid];
        return from a in accounts
               join u in db.Users on a.OwnerId equals u.Id into owners
               from u in owners.DefaultIfEmpty()
               orderby a.Name
               select new AccountRow(a.Id, a.Name, a.EnglishName, a.Industry, a.City, a.Level, a.Size, a.Status, a.OwnerId,
                   u == null ? null : u.DisplayName, a.OwnerId == null, a.LastFollowUpAtUtc,
                   db.Deals.Count(d => d.AccountId == a.Id && !closed.Contains(d.Stage.Key)),
                   db.Deals.Where(d => d.AccountId == a.Id && !closed.Contains(d.Stage.Key)).Sum(d => d.Amount) ?? 0m,
                   PaymentBehaviour.None);
    }
}
