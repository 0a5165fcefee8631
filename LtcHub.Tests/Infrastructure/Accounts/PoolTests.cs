using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Accounts;

/// <summary>The public pool on a clock the test moves: warnings, reclaiming, claims and their limits, and races.</summary>
public class PoolTests(BillingApp app) : IClassFixture<BillingApp>
{
    private PoolService Pool => app.Get<PoolService>();

    private PoolReclaimer Reclaimer => app.Get<PoolReclaimer>();

    private async Task<DealCard> LeadAsync(string email = "sales1@ltchub.local")
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        return await app.Get<LeadService>().CaptureAsync(await app.ActorAsync(email),
            new LeadDraft($"公海测试{unique}科技有限公司", null, "测试联系人", null, $"{unique}@pool.example", LeadSource.Web, null, "试点"));
    }

    private async Task<Account> AccountAsync(int id)
    {
        await using var db = app.CreateDbContext();
        return await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<int> NotificationsAsync(string kind, int accountId)
    {
        await using var db = app.CreateDbContext();
        var link = LtcHub.Infrastructure.Links.Account(accountId);
        return await db.Notifications.CountAsync(n => n.Kind == kind && n.Link == link);
    }

    private async Task<Account> PooledAsync()
    {
        var lead = await LeadAsync();
        var account = await AccountAsync(lead.AccountId);
        await Pool.ReleaseAsync(await app.ActorAsync("sales1@ltchub.local"), account.Id, account.Version, "不再跟进");
        return await AccountAsync(account.Id);
    }

    [Fact]
    public async Task ANeglectedCustomer_IsWarnedOnce_ThenTakenBack_WithItsReason_AndItsDealsWaitForAClaim()
    {
        var lead = await LeadAsync();
        app.Clock.Advance(TimeSpan.FromDays(24));

        await Reclaimer.RunAsync();
        await Reclaimer.RunAsync();
        Assert.Equal(1, await NotificationsAsync("pool.warning", lead.AccountId));
        Assert.False((await AccountAsync(lead.AccountId)).InPool);

        app.Clock.Advance(TimeSpan.FromDays(7));
        await Reclaimer.RunAsync();

        var account = await AccountAsync(lead.AccountId);
        Assert.True(account.InPool);
        Assert.Equal(lead.OwnerId, account.PreviousOwnerId);
        Assert.Contains("31", account.PoolReason);
        Assert.Equal(1, await NotificationsAsync("pool.reclaimed", lead.AccountId));

        // Nobody's now: its owner may not move its lead until someone claims the customer.
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var moved = await app.Get<PipelineService>().EditAsync(sales1, lead.Id, lead.Version,
            new DealEdit(lead.Name, 1m, "CNY", null, null, null, null));
        Assert.Equal(("Error.InPoolClaimFirst", ChangeStatus.Refused), (moved.Error?.Code, moved.Status));
    }

    [Fact]
    public async Task AFollowUp_StartsThePoolClockAgain()
    {
        var lead = await LeadAsync();
        app.Clock.Advance(TimeSpan.FromDays(25));
        await app.Get<FollowUpService>().LogAsync(await app.ActorAsync("sales1@ltchub.local"),
            new FollowUpDraft(null, lead.Id, null, LtcHub.Domain.FollowUps.FollowUpKind.Call, "客户说下月采购"));
        app.Clock.Advance(TimeSpan.FromDays(10));

        await Reclaimer.RunAsync();

        Assert.False((await AccountAsync(lead.AccountId)).InPool);
        Assert.Equal(0, await NotificationsAsync("pool.warning", lead.AccountId));
    }

    [Fact]
    public async Task TwoRunsAtTheSameMoment_TakeEachCustomerBackOnce()
    {
        var leads = new[] { await LeadAsync(), await LeadAsync(), await LeadAsync() };
        app.Clock.Advance(TimeSpan.FromDays(40));

        await Task.WhenAll(Task.Run(() => Reclaimer.RunAsync()), Task.Run(() => Reclaimer.RunAsync()));

        await using var db = app.CreateDbContext();
        foreach (var lead in leads)
        {
            Assert.True((await AccountAsync(lead.AccountId)).InPool);
            var id = lead.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == Account.EntityType && a.EntityId == id && a.Field == AccountFields.Pooled));
            Assert.Equal(1, await NotificationsAsync("pool.reclaimed", lead.AccountId));
        }
    }

    [Fact]
    public async Task OfTwoRepsClaimingAtOnce_OneWins_TheOtherIsToldWho_AndTheLeadGoesWithTheCustomer()
    {
        var account = await PooledAsync();
        var (sales2, sales3) = (await app.ActorAsync("sales2@ltchub.local"), await app.ActorAsync("sales3@ltchub.local"));

        var attempts = await Task.WhenAll(
            Task.Run(() => Attempt(() => Pool.ClaimAsync(sales2, account.Id))),
            Task.Run(() => Attempt(() => Pool.ClaimAsync(sales3, account.Id))));

        Assert.Single(attempts, a => a is null);
        var refused = Assert.Single(attempts, a => a is not null)!;
        var owner = (await AccountAsync(account.Id)).OwnerId;
        var winner = owner == sales2.UserId ? sales2 : sales3;
        Assert.Equal(("Error.PoolTaken", winner.DisplayName), (refused.Code, refused.Args[0]));
        await using var db = app.CreateDbContext();
        Assert.Equal(winner.UserId, await db.Deals.Where(d => d.AccountId == account.Id).Select(d => d.OwnerId).SingleAsync());
    }

    [Fact]
    public async Task Claims_StopAtTheDailyCap_AndThePreviousOwnerWaitsOutTheCooldown()
    {
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var east = await app.TeamIdAsync(DemoTeams.EastSales);
        var rules = await Pool.RulesAsync(east);
        await Pool.SaveRulesAsync(manager, east, rules.Version, new PoolRulesInput(true, rules.LimitsFor(CustomerLevel.A), rules.LimitsFor(CustomerLevel.B),
            rules.LimitsFor(CustomerLevel.C), rules.WarnDaysBefore, 2, rules.HoldingLimit, rules.CooldownDays));
        try
        {
            // A new day: nobody has claimed anything yet today.
            app.Clock.Advance(TimeSpan.FromDays(1));
            var pooled = new[] { await PooledAsync(), await PooledAsync(), await PooledAsync() };
            var sales3 = await app.ActorAsync("sales3@ltchub.local");
            await Pool.ClaimAsync(sales3, pooled[0].Id);
            await Pool.ClaimAsync(sales3, pooled[1].Id);
            var capped = await Assert.ThrowsAsync<DomainException>(() => Pool.ClaimAsync(sales3, pooled[2].Id));
            Assert.Equal("Error.PoolDailyCap", capped.Code);

            var sales1 = await app.ActorAsync("sales1@ltchub.local");
            var cooling = await Assert.ThrowsAsync<DomainException>(() => Pool.ClaimAsync(sales1, pooled[2].Id));
            Assert.Equal("Error.PoolCooldown", cooling.Code);
            Assert.True((await AccountAsync(pooled[2].Id)).InPool);

            // Their manager may still give it to them.
            await Pool.AssignAsync(manager, pooled[2].Id, sales1.UserId);
            Assert.Equal(sales1.UserId, (await AccountAsync(pooled[2].Id)).OwnerId);
        }
        finally
        {
            var now = await Pool.RulesAsync(east);
            await Pool.SaveRulesAsync(manager, east, now.Version, new PoolRulesInput(true, now.LimitsFor(CustomerLevel.A), now.LimitsFor(CustomerLevel.B),
                now.LimitsFor(CustomerLevel.C), now.WarnDaysBefore, 5, now.HoldingLimit, now.CooldownDays));
        }
    }

    [Fact]
    public async Task ARepOfAnotherTeam_CannotSeeNorClaimTheCustomer()
    {
        var account = await PooledAsync();
        var sales4 = await app.ActorAsync("sales4@ltchub.local");

        await Assert.ThrowsAsync<NotFoundException>(() => Pool.ClaimAsync(sales4, account.Id));
        Assert.True((await AccountAsync(account.Id)).InPool);
    }

    [Fact]
    public async Task ANewDeal_OnAPooledCustomer_WaitsForAClaim_AndOneOnACustomerOfAnotherTeam_AnswersLikeAnUnknownOne()
    {
        var account = await PooledAsync();
        var sales2 = await app.ActorAsync("sales2@ltchub.local");
        var deals = app.Get<PipelineService>();
        var draft = new NewDeal("公海 · 新商机", account.Id, 10_000m, "CNY", null);

        var sales4 = await app.ActorAsync("sales4@ltchub.local");

        var pooled = await Attempt(() => deals.CreateAsync(sales2, draft));
        var foreign = await Attempt(() => deals.CreateAsync(sales4, draft));
        await Pool.ClaimAsync(sales2, account.Id);
        var created = await deals.CreateAsync(sales2, draft);

        Assert.Equal("Error.InPoolClaimFirst", pooled?.Code);
        Assert.Equal("Error.AccountUnknown", foreign?.Code);
        Assert.Equal((account.Id, sales2.UserId), (created.AccountId, created.OwnerId));
    }

    private static async Task<DomainException?> Attempt(Func<Task> claim)
    {
        try
        {
            await claim();
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }
}
