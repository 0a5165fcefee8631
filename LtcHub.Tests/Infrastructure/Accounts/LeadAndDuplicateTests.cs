using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Accounts;

/// <summary>Capturing leads and the duplicate check (查重), on the demo company.</summary>
public class LeadAndDuplicateTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private LeadService Leads => app.Get<LeadService>();

    private DuplicateCheck Duplicates => app.Get<DuplicateCheck>();

    /// <summary>A customer of sales4 (刘洋, South), with its first contact.</summary>
    private async Task<(Account Account, Contact Contact)> Sales4CustomerAsync()
    {
        var sales4 = await app.ActorAsync("sales4@ltchub.local");
        await using var db = app.CreateDbContext();
        var account = await db.Accounts.Include(a => a.Contacts).Where(a => a.OwnerId == sales4.UserId && a.Contacts.Any(c => c.Phone != null))
            .OrderBy(a => a.Id).FirstAsync();
        return (account, account.Contacts.First(c => c.Phone != null));
    }

    [Fact]
    public async Task AVariantOfAnotherTeamsCustomer_NamesItsOwner_AndNothingElse()
    {
        var (account, _) = await Sales4CustomerAsync();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var variant = "（" + account.City + "）" + account.Name.Replace("有限公司", " 有限责任公司", StringComparison.Ordinal);

        var match = Assert.Single(await Duplicates.CheckAsync(sales1, new DuplicateProbe(variant, null, null)));

        Assert.Equal((DuplicateKind.Company, "刘洋 Liu Yang", false, true), (match.Kind, match.OwnerName, match.InPool, match.Blocks));
        Assert.Null(match.VisibleAccountId);
        Assert.Null(match.VisibleName);

        // Its owner sees which customer it is.
        var own = Assert.Single(await Duplicates.CheckAsync(await app.ActorAsync("sales4@ltchub.local"), new DuplicateProbe(variant, null, null)));
        Assert.Equal((account.Id, account.Name), (own.VisibleAccountId, own.VisibleName));
    }

    [Fact]
    public async Task APhoneWrittenDifferently_AndAnEmailInCapitals_AreTheSameContact()
    {
        var (account, contact) = await Sales4CustomerAsync();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var digits = Matching.PhoneKey(contact.Phone)!;

        var matches = await Duplicates.CheckAsync(sales1, new DuplicateProbe(null, "0086 " + digits, contact.Email!.ToUpperInvariant()));

        Assert.Equal([DuplicateKind.Phone, DuplicateKind.Email], matches.Select(m => m.Kind));
        Assert.All(matches, m => Assert.Equal(("刘洋 Liu Yang", false), (m.OwnerName, m.Blocks)));
        Assert.DoesNotContain(matches, m => m.VisibleAccountId == account.Id);
    }

    [Fact]
    public async Task ABlockingMatch_RefusesTheLead_AndNothingIsCreated()
    {
        var (account, _) = await Sales4CustomerAsync();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        await using var db = app.CreateDbContext();
        var (accounts, deals) = (await db.Accounts.CountAsync(), await db.Deals.CountAsync());

        var refused = await Assert.ThrowsAsync<DomainException>(() => Leads.CaptureAsync(sales1,
            new LeadDraft(account.Name + "集团", null, "李经理", null, null, LeadSource.Exhibition, null, "ERP", AcceptDuplicates: true)));

        Assert.Equal(("Error.DuplicateOwned", "刘洋 Liu Yang"), (refused.Code, refused.Args[0]));
        Assert.Equal((accounts, deals), (await db.Accounts.CountAsync(), await db.Deals.CountAsync()));
    }

    [Fact]
    public async Task AWarningMatch_NeedsThePersonToGoOnKnowingly()
    {
        var (_, contact) = await Sales4CustomerAsync();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var draft = new LeadDraft($"查重提醒 {Guid.NewGuid():N}"[..16], null, "王先生", contact.Phone, null, LeadSource.Phone, null, "云迁移");

        Assert.Equal("Error.DuplicateConfirm", (await Assert.ThrowsAsync<DomainException>(() => Leads.CaptureAsync(sales1, draft))).Code);
        var card = await Leads.CaptureAsync(sales1, draft with { AcceptDuplicates = true });

        Assert.Equal(StageKeys.Lead, card.StageKey);
    }

    [Fact]
    public async Task ACapturedLead_IsACompanyAContactAndADealInLead_OwnedByItsRep_OnEveryBoardAtOnce()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var campaign = (await app.Get<CampaignService>().ListAsync()).First(c => c.Source == LeadSource.Exhibition);
        var created = new TaskCompletionSource<DealCreated>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is DealCreated c && c.Card.Name.Contains("展会新客", StringComparison.Ordinal))
            {
                created.TrySetResult(c);
            }

            return Task.CompletedTask;
        });

        var card = await Leads.CaptureAsync(sales1, new LeadDraft("展会新客智能制造有限公司", null, "周总", "+86 139 0000 1111", "zhou@newco.example",
            LeadSource.Exhibition, campaign.Id, "智能仓储", 500_000m, Notes: "展会上交换名片，对仓储方案感兴趣"));

        Assert.Equal((StageKeys.Lead, sales1.UserId, "展会新客智能制造有限公司 · 智能仓储", 500_000m), (card.StageKey, card.OwnerId, card.Name, card.Amount));
        Assert.Equal(card.Id, (await created.Task.WaitAsync(TimeSpan.FromSeconds(5))).Card.Id);
        await using var db = app.CreateDbContext();
        var account = await db.Accounts.Include(a => a.Contacts).SingleAsync(a => a.Id == card.AccountId);
        Assert.Equal((sales1.UserId, AccountStatus.Prospect, LeadSource.Exhibition, campaign.Id, "展会新客智能制造"),
            (account.OwnerId, account.Status, account.Source, account.CampaignId, account.NameKey));
        Assert.Equal(("周总", "13900001111"), (Assert.Single(account.Contacts).Name, account.Contacts.Single().PhoneKey));
        Assert.Equal("展会上交换名片，对仓储方案感兴趣", await db.FollowUps.Where(f => f.DealId == card.Id).Select(f => f.Content).SingleAsync());

        var listed = Assert.Single(await Leads.ListAsync(sales1, new LeadFilter(Source: LeadSource.Exhibition, CampaignId: campaign.Id, Text: "展会新客")));
        Assert.Equal((card.Id, campaign.Name), (listed.DealId, listed.CampaignName));
    }

    [Fact]
    public async Task ARep_CannotCaptureALeadForSomeoneElse_ButTheirManagerCan()
    {
        var (sales1, sales2, manager) = (await app.ActorAsync("sales1@ltchub.local"), await app.ActorAsync("sales2@ltchub.local"),
            await app.ActorAsync("salesmgr1@ltchub.local"));
        var draft = new LeadDraft($"代录 {Guid.NewGuid():N}"[..14], null, null, null, null, LeadSource.Referral, null, null, OwnerId: sales2.UserId);

        await Assert.ThrowsAsync<ForbiddenException>(() => Leads.CaptureAsync(sales1, draft));
        var card = await Leads.CaptureAsync(manager, draft);

        Assert.Equal(sales2.UserId, card.OwnerId);
    }

    [Fact]
    public async Task AnotherTeamsCustomer_IsNotFound_AsIfItDidNotExist()
    {
        var (account, _) = await Sales4CustomerAsync();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var reader = app.Get<AccountReader>();

        var hidden = await Assert.ThrowsAsync<NotFoundException>(() => reader.DetailsAsync(sales1, account.Id));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => reader.DetailsAsync(sales1, 987_654));
        Assert.Equal(missing.Code, hidden.Code);
        Assert.DoesNotContain(await reader.ListAsync(sales1, AccountFilter.Everything), r => r.Id == account.Id);
        Assert.Contains(await reader.ListAsync(await app.ActorAsync("finance1@ltchub.local"), AccountFilter.Everything), r => r.Id == account.Id);
    }
}
