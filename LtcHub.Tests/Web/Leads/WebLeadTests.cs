using System.Net;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Tests.Support;
using LtcHub.Web.Leads;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Web.Leads;

/// <summary>A campaign's public form, posted as a website would: a lead for the chosen rep, bots and known customers handled, limits kept.</summary>
public class WebLeadTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private async Task<(int CampaignId, string Token, string OwnerId)> OpenFormAsync()
    {
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var campaignId = await app.Get<CampaignService>().SaveAsync(manager, null, 0,
            new CampaignDraft($"官网表单 {Guid.NewGuid():N}"[..20], LeadSource.Web, 5_000m, "CNY", new DateOnly(2026, 11, 1), null, true));
        var sales2 = await app.ActorAsync("sales2@ltchub.local");
        return (campaignId, await app.Get<WebLeadService>().OpenFormAsync(manager, campaignId, sales2.UserId), sales2.UserId);
    }

    private Task<HttpResponseMessage> PostAsync(string token, Dictionary<string, string> fields) =>
        app.CreateAnonymous("zh-CN").PostAsync($"{WebLeadEndpoint.Path}/{token}", new FormUrlEncodedContent(fields));

    [Fact]
    public async Task AVisitorsForm_BecomesALeadForTheChosenRep_WithTheCampaignsSourceAndCampaign()
    {
        var (campaignId, token, ownerId) = await OpenFormAsync();
        var company = $"网单{Guid.NewGuid():N}"[..10] + "科技有限公司";

        var response = await PostAsync(token, new() { ["company"] = company, ["name"] = "孙小姐", ["email"] = "sun@web.example", ["need"] = "CRM 试用" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("谢谢", await response.Content.ReadAsStringAsync());
        await using var db = app.CreateDbContext();
        var account = await db.Accounts.Include(a => a.Contacts).SingleAsync(a => a.Name == company);
        Assert.Equal((LeadSource.Web, campaignId, ownerId), (account.Source!.Value, account.CampaignId!.Value, account.OwnerId!));
        Assert.Equal("孙小姐", Assert.Single(account.Contacts).Name);
        var deal = await db.Deals.Include(d => d.Stage).SingleAsync(d => d.AccountId == account.Id);
        Assert.Equal((StageKeys.Lead, ownerId), (deal.Stage.Key, deal.OwnerId));
    }

    [Fact]
    public async Task ABotFillingTheHoneypot_IsThankedLikeAnyone_AndNothingIsSaved()
    {
        var (_, token, _) = await OpenFormAsync();
        var company = $"机器人{Guid.NewGuid():N}"[..12];

        var response = await PostAsync(token, new() { ["company"] = company, ["email"] = "bot@spam.example", [WebLeadEndpoint.Honeypot] = "http://spam" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Accounts.AnyAsync(a => a.Name == company));
    }

    [Fact]
    public async Task AKnownCustomer_GetsNoSecondRecord_TheMessageGoesToItsFollowUpLog_AndTheVisitorIsToldTheSame()
    {
        var (_, token, _) = await OpenFormAsync();
        int accountId;
        string name;
        await using (var db = app.CreateDbContext())
        {
            (accountId, name) = await db.Accounts.Where(a => a.OwnerId != null).OrderBy(a => a.Id).Select(a => new ValueTuple<int, string>(a.Id, a.Name)).FirstAsync();
        }

        var before = await CountAsync();
        var response = await PostAsync(token, new() { ["company"] = $" {name} ", ["phone"] = "+86 138 0000 1111", ["need"] = "想加购 50 个席位" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("谢谢", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
        await using var check = app.CreateDbContext();
        Assert.True(await check.FollowUps.AnyAsync(f => f.AccountId == accountId && f.Content.Contains("想加购 50 个席位")));
    }

    [Fact]
    public async Task BadInput_IsRefusedWithTheReason_AClosedOrReKeyedForm_IsNotFound_AndTooManyPostsAreStopped()
    {
        var (campaignId, token, ownerId) = await OpenFormAsync();

        var noCompany = await PostAsync(token, new() { ["email"] = "a@b.example" });
        var noContact = await PostAsync(token, new() { ["company"] = "无联系方式公司" });
        Assert.Equal(HttpStatusCode.BadRequest, noCompany.StatusCode);
        Assert.Contains("公司名称", await noCompany.Content.ReadAsStringAsync());
        Assert.Contains("电话或电子邮箱", await noContact.Content.ReadAsStringAsync());

        var newToken = await app.Get<WebLeadService>().OpenFormAsync(await app.ActorAsync("salesmgr1@ltchub.local"), campaignId, ownerId);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(token, new() { ["company"] = "旧地址公司", ["email"] = "x@y.example" })).StatusCode);
        await app.Get<WebLeadService>().CloseFormAsync(await app.ActorAsync("salesmgr1@ltchub.local"), campaignId);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(newToken, new() { ["company"] = "已关闭公司", ["email"] = "x@y.example" })).StatusCode);

        // The limit per address and form: the posts above count too; the next over the limit is refused.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < WebLeadEndpoint.PerWindow; i++)
        {
            statuses.Add((await PostAsync(newToken, new() { ["company"] = "限流公司", ["email"] = "x@y.example" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task OnlyAManagerOfTheRepsTeam_OpensAFormForThem()
    {
        var campaignId = (await OpenFormAsync()).CampaignId;
        var sales4 = await app.ActorAsync("sales4@ltchub.local");
        var eastManager = await app.ActorAsync("salesmgr1@ltchub.local");

        await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<WebLeadService>().OpenFormAsync(eastManager, campaignId, sales4.UserId));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.Get<WebLeadService>().OpenFormAsync(sales4, campaignId, sales4.UserId));
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Accounts.CountAsync();
    }
}
