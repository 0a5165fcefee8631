using LtcHub.Domain.Common;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Scoring;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Events;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Scoring;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Accounts;

/// <summary>Scorecards, criterion 5 from real invoices, follow-ups and their reminders, merges — on a clock the test moves.</summary>
public class ScoringAndFollowUpTests(BillingApp app) : IClassFixture<BillingApp>
{
    private ScorecardService Scorecards => app.Get<ScorecardService>();

    private static ScorecardInput Ratings(int n) => new(new(n, "需求明确"), new(n, null), new(n, null), new(n, null), "客户付款较慢，需关注");

    [Fact]
    public async Task CriterionFive_ComesFromTheCustomersInvoices_SoALatePayerScoresLower()
    {
        var overdue = await app.InvoiceAsync(dueInDays: -40, accountIndex: 3);
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "老客户新需求", 200_000m, accountIndex: 3);
        var sales1 = await app.ActorAsync("sales1@ltchub.local");

        var view = await Scorecards.GetAsync(sales1, deal.Id);
        Assert.True(view.HistoryNow.OverdueNow >= 1);
        Assert.True(view.HistoryNow.Rating < 5);

        var card = await Scorecards.ScoreAsync(sales1, deal.Id, 0, Ratings(5));
        await using var db = app.CreateDbContext();
        var saved = await db.Scorecards.SingleAsync(s => s.DealId == deal.Id);
        Assert.Equal(view.HistoryNow.Rating, saved.History);
        Assert.True(saved.Total < 100);
        Assert.Equal(("客户付款较慢，需关注", saved.Total, saved.Grade), (saved.HistoryComment, card.Score!.Value, card.Grade!.Value));
        Assert.NotEqual(0, overdue.Id);
    }

    [Fact]
    public async Task Scoring_GradesTheDealLive_IsAudited_AndOpensTheDoorToQualified()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "评分卡 · 资格", 300_000m);
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var edited = new TaskCompletionSource<DealEdited>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Get<IBoardEvents>().Subscribe(e =>
        {
            if (e is DealEdited d && d.Card.Id == deal.Id)
            {
                edited.TrySetResult(d);
            }

            return Task.CompletedTask;
        });
        var refused = await app.Get<PipelineService>().MoveAsync(sales1, deal.Id, deal.Version, StageKeys.Qualified, StageEntryInput.Empty);
        Assert.Equal((ChangeStatus.NeedsInput, EntryRequirement.Scorecard), (refused.Status, refused.Missing));

        var card = await Scorecards.ScoreAsync(sales1, deal.Id, 0, Ratings(4));

        Assert.Equal(card.Grade, (await edited.Task.WaitAsync(TimeSpan.FromSeconds(5))).Card.Grade);
        await using (var db = app.CreateDbContext())
        {
            var id = deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityId == id && a.EntityType == "Deal"
                && (a.Field == DealFields.QualificationScore || a.Field == DealFields.Grade)));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityId == id && a.EntityType == Scorecard.EntityType));
        }

        var moved = await app.Get<PipelineService>().MoveAsync(sales1, deal.Id, card.Version, StageKeys.Qualified, StageEntryInput.Empty);
        Assert.Equal(ChangeStatus.Done, moved.Status);
    }

    [Fact]
    public async Task ScoringFromAStaleScorecard_IsAConflict_AndSomeoneElsesRepMayNotScore()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Lead, "评分卡 · 冲突");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        await Scorecards.ScoreAsync(sales1, deal.Id, 0, Ratings(3));

        var conflict = await Assert.ThrowsAsync<DomainException>(() => Scorecards.ScoreAsync(sales1, deal.Id, 0, Ratings(5)));
        Assert.Equal(("Error.ScorecardConflict", "王芳 Wang Fang"), (conflict.Code, conflict.Args[0]));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await Scorecards.ScoreAsync(await app.ActorAsync("sales4@ltchub.local"), deal.Id, 1, Ratings(5)));
        await using var db = app.CreateDbContext();
        Assert.Equal(3, await db.Scorecards.Where(s => s.DealId == deal.Id).Select(s => s.NeedFit).SingleAsync());
    }

    [Fact]
    public async Task AFollowUp_MovesTheCardsClockNotItsVersion_AndItsNextDateRemindsItsAuthorOnceThatDay()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "跟进 · 提醒");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var shared = app.Get<BoardStore>();
        await shared.CurrentAsync();

        await app.Get<FollowUpService>().LogAsync(sales1, new FollowUpDraft(null, deal.Id, null, FollowUpKind.WeChat, "微信确认下周演示",
            NextFollowUp: app.Today.AddDays(2)));

        var card = (await app.Get<BoardReader>().CardAsync(deal.Id))!;
        Assert.Equal((deal.Version, 0), (card.Version, card.DaysSinceFollowUp(app.Clock.GetUtcNow().UtcDateTime)));
        for (var i = 0; i < 50 && (await shared.CurrentAsync()).Cards[deal.Id].LastFollowUpAtUtc is null; i++)
        {
            await Task.Delay(100);
        }

        Assert.NotNull((await shared.CurrentAsync()).Cards[deal.Id].LastFollowUpAtUtc);
        var reminders = app.Get<ReminderService>();
        await reminders.RunAsync();
        Assert.Equal(0, await RemindersAsync(deal.Name));

        app.Clock.Advance(TimeSpan.FromDays(2));
        await reminders.RunAsync();
        await reminders.RunAsync();
        Assert.Equal(1, await RemindersAsync("微信确认下周演示"));
    }

    [Fact]
    public async Task AFollowUpInTheFuture_OrOnAnotherTeamsCustomer_IsRefused()
    {
        var deal = await app.Get<LeadService>().CaptureAsync(await app.ActorAsync("sales4@ltchub.local"),
            new LeadDraft($"华南独家 {Guid.NewGuid():N}"[..16], null, null, null, null, LtcHub.Domain.Accounts.LeadSource.Phone, null, null));
        var follow = app.Get<FollowUpService>();

        await Assert.ThrowsAsync<NotFoundException>(async () => await follow.LogAsync(await app.ActorAsync("sales1@ltchub.local"),
            new FollowUpDraft(null, deal.Id, null, FollowUpKind.Call, "越权")));
        var future = await Assert.ThrowsAsync<DomainException>(async () => await follow.LogAsync(await app.ActorAsync("sales4@ltchub.local"),
            new FollowUpDraft(null, deal.Id, null, FollowUpKind.Call, "明天的电话", app.Clock.GetUtcNow().UtcDateTime.AddDays(1))));
        Assert.Equal("Error.FollowUpInFuture", future.Code);
    }

    [Fact]
    public async Task Merging_MovesDealsContactsInvoicesAndFollowUps_ToTheSurvivor_AndOnlyAdminMay()
    {
        var kept = await app.InvoiceAsync(dueInDays: 10, accountIndex: 7);
        var folded = await app.InvoiceAsync(dueInDays: 10, accountIndex: 8);
        await using var before = app.CreateDbContext();
        var (survivor, merged) = (kept.AccountId, folded.AccountId);
        var mergedDeals = await before.Deals.Where(d => d.AccountId == merged).Select(d => d.Id).ToListAsync();
        var mergedContacts = await before.Contacts.Where(c => c.AccountId == merged).Select(c => c.Id).ToListAsync();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        await app.Get<FollowUpService>().LogAsync(sales1, new FollowUpDraft(merged, null, null, FollowUpKind.Visit, "拜访被合并的客户"));
        var service = app.Get<AccountService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => service.MergeAsync(sales1, survivor, merged));
        await service.MergeAsync(await app.ActorAsync("admin@ltchub.local"), survivor, merged);

        await using var db = app.CreateDbContext();
        Assert.All(await db.Deals.Where(d => mergedDeals.Contains(d.Id)).Select(d => d.AccountId).ToListAsync(), a => Assert.Equal(survivor, a));
        Assert.All(await db.Contacts.Where(c => mergedContacts.Contains(c.Id)).Select(c => c.AccountId).ToListAsync(), a => Assert.Equal(survivor, a));
        Assert.Equal(survivor, await db.Invoices.Where(i => i.Id == folded.Id).Select(i => i.AccountId).SingleAsync());
        Assert.Equal(survivor, await db.FollowUps.Where(f => f.Content == "拜访被合并的客户").Select(f => f.AccountId).SingleAsync());
        Assert.Equal(survivor, await db.Accounts.Where(a => a.Id == merged).Select(a => a.MergedIntoId).SingleAsync());
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "Account" && a.Field == "Merge"));
        await Assert.ThrowsAsync<NotFoundException>(() => app.Get<AccountReader>().DetailsAsync(sales1, merged));
    }

    private async Task<int> RemindersAsync(string text)
    {
        await using var db = app.CreateDbContext();
        return await db.Notifications.CountAsync(n => n.Kind == "reminder.follow-up" && n.Text.Contains(text));
    }
}
