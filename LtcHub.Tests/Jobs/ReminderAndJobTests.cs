using System.Net;
using Hangfire;
using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure;
using LtcHub.Infrastructure.Meetings;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Seeding;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Jobs;

public class ReminderTests(BillingApp app) : IClassFixture<BillingApp>
{
    private async Task<List<(string UserId, string Text)>> NotificationsAsync(string keyPrefix)
    {
        await using var db = app.CreateDbContext();
        return (await db.Notifications.Where(n => n.Key.StartsWith(keyPrefix)).Select(n => new { n.UserId, n.Text }).ToListAsync())
            .Select(n => (n.UserId, n.Text)).ToList();
    }

    [Fact]
    public async Task EachKind_FiresOnce_ToTheRightPerson_InTheirLanguage()
    {
        var pipeline = app.Get<PipelineService>();
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var sales2 = await app.ActorAsync("sales2@ltchub.local");
        var ops1 = await app.ActorAsync("ops1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        await using (var db = app.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == sales2.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, "en-US"));
        }

        // Next step due today (sales1); expected close date passed yesterday (sales2, in English).
        var stepDeal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "提醒 下一步");
        await pipeline.EditAsync(sales1, stepDeal.Id, stepDeal.Version,
            new DealEdit(stepDeal.Name, stepDeal.Amount, "CNY", null, "打电话给采购 | 确认预算", app.Today, null));
        var closeDeal = await app.CreateDealAsync("sales2@ltchub.local", StageKeys.Proposal, "Reminder close date");
        await pipeline.EditAsync(sales2, closeDeal.Id, closeDeal.Version,
            new DealEdit(closeDeal.Name, closeDeal.Amount, "CNY", app.Today.AddDays(-1), null, null, null));

        // An action item due today (ops1) and a meeting in 10 minutes (its participants).
        var east = await app.TeamIdAsync(DemoTeams.EastSales);

        var meetings = app.Get<MeetingService>();
        var live = await app.Get<MeetingScheduler>().ScheduleAsync(manager, new MeetingInput("Now", app.Clock.GetUtcNow().UtcDateTime, [east], [ops1.UserId], false, "zh-CN"), startNow: true);
        var action = await meetings.AddActionAsync(manager, live, null, "准备交付计划", ops1.UserId, app.Today);
        var soon = await app.Get<MeetingScheduler>().ScheduleAsync(manager,
            new MeetingInput("Soon 周会", app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10), [east], [sales2.UserId], false, "zh-CN"));

        // A deal that went stale (Negotiation: 14 days) two days ago.
        var stale = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "提醒 停滞");
        await using (var db = app.CreateDbContext())
        {
            var entered = app.Clock.GetUtcNow().UtcDateTime.AddDays(-16);
            await db.Deals.Where(d => d.Id == stale.Id).ExecuteUpdateAsync(d => d.SetProperty(x => x.EnteredStageAtUtc, entered));
        }

        var service = app.Get<ReminderService>();
        await service.RunAsync();
        await service.RunAsync();

        Assert.Equal((sales1.UserId, "商机“提醒 下一步”的下一步今天到期：打电话给采购 | 确认预算"), Assert.Single(await NotificationsAsync($"reminder.next-step:{stepDeal.Id}:")));
        Assert.Equal((sales2.UserId, $"The expected close date of “Reminder close date” ({app.Today.AddDays(-1):yyyy-MM-dd}) has passed"),
            Assert.Single(await NotificationsAsync($"reminder.close-date:{closeDeal.Id}:")));
        Assert.Equal(ops1.UserId, Assert.Single(await NotificationsAsync($"reminder.action:{action}")).UserId);
        var soonReminders = await NotificationsAsync($"reminder.meeting:{soon}:");
        Assert.Equal(new[] { manager.UserId, sales2.UserId }.Order(), soonReminders.Select(r => r.UserId).Order());
        Assert.Contains(soonReminders, r => r is { Text: "“Soon 周会” starts in 15 minutes" });
        Assert.Empty(await NotificationsAsync($"reminder.meeting:{live}:"));
        Assert.Equal((sales1.UserId, "商机“提醒 停滞”在“商务谈判”阶段已停滞"), Assert.Single(await NotificationsAsync($"reminder.stale:{stale.Id}:")));
        await using (var db = app.CreateDbContext())
        {
            Assert.NotNull((await db.ActionItems.SingleAsync(a => a.Id == action)).ReminderSentAtUtc);
            Assert.Single(await db.OutboxEmails.Where(e => e.MessageId.StartsWith($"reminder.action-{action}@")).ToListAsync());
        }
    }
}

/// <summary>The real Hangfire server and dashboard of the running app.</summary>
public class HangfireTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    [Fact]
    public async Task TheDashboard_RefusesAnonymousAndSales_AllowsAdmin_AndOpsReadOnly()
    {
        var anonymous = app.CreateAnonymous();
        var response = await anonymous.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());

        var sales = await app.SignedInAsync("sales1@ltchub.local");
        Assert.Contains((await sales.GetAsync("/hangfire")).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });

        var admin = await app.SignedInAsync("admin@ltchub.local");
        var page = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("dunning", html);
        Assert.Contains("reminders", html);
        Assert.Contains("outbox", html);

        var ops = await app.SignedInAsync("ops1@ltchub.local");
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/hangfire/recurring")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await ops.PostAsync("/hangfire/recurring/trigger", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["jobs[]"] = "reminders" }))).StatusCode);
    }

    [Fact]
    public async Task TriggeringTheRemindersJob_RunsItOnTheRealServer()
    {
        var sales3 = await app.ActorAsync("sales3@ltchub.local");
        var deal = await app.CreateDealAsync("sales3@ltchub.local", StageKeys.Lead, "Hangfire 提醒");
        var today = CompanyTime.Today(TimeProvider.System);
        await app.Get<PipelineService>().EditAsync(sales3, deal.Id, deal.Version,
            new DealEdit(deal.Name, deal.Amount, "CNY", null, "Call back", today, null));

        app.Get<IRecurringJobManager>().Trigger("reminders");

        var key = $"reminder.next-step:{deal.Id}:";
        for (var i = 0; i < 100; i++)
        {
            await using var db = app.CreateDbContext();
            if (await db.Notifications.AnyAsync(n => n.Key.StartsWith(key) && n.UserId == sales3.UserId))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the reminders job did not run within 10 s");
    }

    [Fact]
    public async Task WithoutSmtp_LettersBecomeEmlFiles_NeverDropped()
    {
        var deal = await app.CreateDealAsync("sales2@ltchub.local", StageKeys.Lead, "Pickup folder");
        await using (var db = app.CreateDbContext())
        {
            db.OutboxEmails.Add(new LtcHub.Domain.Notifications.OutboxEmail($"pickup-{deal.Id}@ltchub.local", "someone@example.com", "Someone",
                "测试 subject", "正文 body", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await app.Get<OutboxSender>().SendPendingAsync();

        var file = Path.Combine(app.MailFolder, $"pickup-{deal.Id}@ltchub.local.eml");
        Assert.True(File.Exists(file), file);
        var letter = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal(("测试 subject", "正文 body"), (letter.Subject, letter.TextBody!.Trim()));
    }
}
