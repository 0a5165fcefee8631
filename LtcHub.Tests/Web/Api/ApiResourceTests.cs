using System.Net;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Api;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Web.Api;

/// <summary>The API's resources through the real app: the same rules, permissions and live board as the pages.</summary>
public class ApiResourceTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private static long Version(HttpResponseMessage response) => long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> Sales1AccountAsync()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        await using var db = app.CreateDbContext();
        return await db.Accounts.Where(a => a.OwnerId == sales1.UserId && a.MergedIntoId == null).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    [Fact]
    public async Task ADealMadeAndMovedThroughTheApi_IsOnTheSharedBoard_AuditedAsTheTokensUser()
    {
        var client = await app.ApiAsync("sales1@ltchub.local");
        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/deals",
            new { name = "API 接口商机", accountId = await Sales1AccountAsync(), amount = 88_000m, currency = "CNY" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deal = await created.JsonAsync();
        var id = deal.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/deals/{id}", created.Headers.Location!.OriginalString);

        var moved = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/deals/{id}/move", new { stage = StageKeys.Lost, lossReason = "预算取消" },
            ifMatch: Version(created));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(StageKeys.Lost, (await moved.JsonAsync()).GetProperty("stage").GetString());
        var board = await app.Get<BoardStore>().CurrentAsync();
        Assert.Contains(board.CardsIn(StageKeys.Lost), c => c.Id == id);
        await using var db = app.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == Deal.EntityType && a.EntityId == id.ToString()).Select(a => a.ActorName).ToListAsync();
        Assert.All(audit, name => Assert.Equal("王芳 Wang Fang", name));
    }

    [Fact]
    public async Task AMoveTheStageRulesRefuse_Is422_NamingWhatIsMissing_AndTheDealStays()
    {
        var card = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation, "缺合同的商机");
        var client = await app.ApiAsync("sales1@ltchub.local");

        var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/deals/{card.Id}/move", new { stage = StageKeys.Won }, card.Version);

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("Contract", problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(StageKeys.Negotiation, (await app.Get<BoardReader>().CardAsync(card.Id))!.StageKey);
    }

    [Fact]
    public async Task AStaleIfMatch_Is412_NamingWhoChangedItFirst_AndNoIfMatchIs428()
    {
        var card = await app.CreateDealAsync("sales2@ltchub.local", StageKeys.Lead, "并发商机");
        var mine = await app.ApiAsync("sales2@ltchub.local");
        var manager = await app.ApiAsync("salesmgr1@ltchub.local");
        var edit = new { name = "并发商机", amount = 120_000m, currency = "CNY", nextStep = "经理的下一步" };
        Assert.Equal(HttpStatusCode.OK, (await manager.SendJsonAsync(HttpMethod.Put, $"/api/v1/deals/{card.Id}", edit, card.Version)).StatusCode);

        var stale = await mine.SendJsonAsync(HttpMethod.Put, $"/api/v1/deals/{card.Id}", edit, card.Version);
        var blind = await mine.SendJsonAsync(HttpMethod.Put, $"/api/v1/deals/{card.Id}", edit);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("赵强 Zhao Qiang", problem.GetProperty("changedBy").GetString());
        Assert.Equal(card.Version + 1, Version(stale));
        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Equal("经理的下一步", (await app.Get<BoardReader>().CardAsync(card.Id))!.NextStep);
    }

    [Fact]
    public async Task MovingSomeoneElsesDeal_Is403_AndAnUnknownDealIs404()
    {
        var card = await app.CreateDealAsync("sales4@ltchub.local", StageKeys.Lead, "别人的商机");
        var client = await app.ApiAsync("sales1@ltchub.local");

        var forbidden = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/deals/{card.Id}/move", new { stage = StageKeys.Qualified }, card.Version);
        var missing = await client.GetAsync("/api/v1/deals/999999");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StageKeys.Lead, (await app.Get<BoardReader>().CardAsync(card.Id))!.StageKey);
    }

    [Fact]
    public async Task ALeadOnACompanySomeoneElseHas_Is409_NamingOnlyTheOwner_AndNothingIsSaved()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        await app.Get<LeadService>().CaptureAsync(await app.ActorAsync("sales4@ltchub.local"),
            new LeadDraft($"深圳保密{unique}电子有限公司", null, "黄总", null, null, LeadSource.Phone, null, null));
        var client = await app.ApiAsync("sales1@ltchub.local", culture: "zh-CN");

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/leads",
            new { company = $"深圳保密{unique}电子有限公司", contactName = "赵先生", source = "Web" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("刘洋", body);
        Assert.DoesNotContain("保密", body);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Accounts.CountAsync(a => a.Name == $"深圳保密{unique}电子有限公司"));
    }

    [Fact]
    public async Task ALeadCapturedThroughTheApi_IsListedAmongTheLeads_WithItsSource()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var client = await app.ApiAsync("sales2@ltchub.local");

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/leads",
            new { company = $"接口线索{unique}有限公司", contactName = "钱女士", phone = "13900001234", source = "Web", need = "试用" });
        var list = await (await client.GetAsync($"/api/v1/leads?text={unique}&source=Web")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal($"接口线索{unique}有限公司", lead.GetProperty("accountName").GetString());
        Assert.Equal("Web", lead.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Accounts_ShowOnlyWhatTheCallerMaySee_AndUpdatedSinceFindsAChange()
    {
        var sales4 = await app.ActorAsync("sales4@ltchub.local");
        int hidden;
        await using (var db = app.CreateDbContext())
        {
            hidden = await db.Accounts.Where(a => a.OwnerId == sales4.UserId && !db.Deals.Any(d => d.AccountId == a.Id && d.OwnerId != sales4.UserId))
                .Select(a => a.Id).FirstAsync();
        }

        var client = await app.ApiAsync("sales1@ltchub.local");
        var mine = await Sales1AccountAsync();
        var before = DateTime.UtcNow;
        var read = await client.GetAsync($"/api/v1/accounts/{mine}");
        var account = await read.JsonAsync();
        var update = new
        {
            name = account.GetProperty("name").GetString(), englishName = "API Renamed Ltd", industry = "制造", city = "苏州", preferredCulture = "zh-CN",
            level = "A", size = "Medium", status = account.GetProperty("status").GetString(),
        };
        var updated = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/accounts/{mine}", update, Version(read));

        var changed = await (await client.GetAsync($"/api/v1/accounts?updatedSince={before:O}&pageSize=200")).JsonAsync();
        var all = await (await client.GetAsync("/api/v1/accounts?pageSize=200")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("API Renamed Ltd", (await updated.JsonAsync()).GetProperty("englishName").GetString());
        Assert.Contains(mine, changed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.True(changed.GetProperty("total").GetInt32() < all.GetProperty("total").GetInt32());
        Assert.DoesNotContain(hidden, all.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/accounts/{hidden}")).StatusCode);
    }

    [Fact]
    public async Task Pages_AreStableAndComplete()
    {
        var client = await app.ApiAsync("admin@ltchub.local", ApiScope.Read);

        var first = await (await client.GetAsync("/api/v1/deals?page=1&pageSize=7")).JsonAsync();
        var second = await (await client.GetAsync("/api/v1/deals?page=2&pageSize=7")).JsonAsync();

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(d => d.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(14, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
        await using var db = app.CreateDbContext();
        Assert.Equal(await db.Deals.CountAsync(), first.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AContactAddedAndChangedThroughTheApi_IsOnItsCompany()
    {
        var client = await app.ApiAsync("sales1@ltchub.local");
        var accountId = await Sales1AccountAsync();

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/contacts",
            new { accountId, name = "孙采购", title = "采购经理", email = "sun.api@example.cn", phone = "13700007777" });
        var contact = await created.JsonAsync();
        var id = contact.GetProperty("id").GetInt32();
        var changed = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/contacts/{id}",
            new { name = "孙采购", title = "采购总监", email = "sun.api@example.cn", phone = "13700007777" }, Version(created));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var view = await app.Get<AccountReader>().DetailsAsync(await app.ActorAsync("sales1@ltchub.local"), accountId);
        Assert.Equal("采购总监", view.Contacts.Single(c => c.Id == id).Title);
    }

    [Fact]
    public async Task AQuoteMadeAndRevisedThroughTheApi_KeepsTheQuoteRules()
    {
        var card = await app.CreateDealAsync("sales3@ltchub.local", StageKeys.Qualified, "接口报价商机");
        var client = await app.ApiAsync("sales3@ltchub.local");
        var line = new { productId = (int?)null, description = "实施服务", unit = "人天", quantity = 10m, unitPrice = 1500m, discountPercent = 0m, taxRate = 6m };

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/quotes",
            new { dealId = card.Id, culture = "zh-CN", validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), lines = new[] { line } });
        var quote = await created.JsonAsync();
        var updated = await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotes/{quote.GetProperty("id").GetInt32()}",
            new { culture = "zh-CN", validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), lines = new[] { line with { quantity = 12m } } },
            Version(created));
        var list = await (await client.GetAsync($"/api/v1/quotes?dealId={card.Id}")).JsonAsync();
        var outsider = await (await (await app.ApiAsync("sales4@ltchub.local")).GetAsync($"/api/v1/quotes?dealId={card.Id}")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(15_900m, quote.GetProperty("gross").GetDecimal());
        Assert.Equal(19_080m, (await updated.JsonAsync()).GetProperty("gross").GetDecimal());
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(0, outsider.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task APaymentRetriedWithTheSameIdempotencyKey_IsRecordedOnce_AndSettlesTheDeal()
    {
        var card = await app.SignContractAsync(await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won, "接口回款商机", 50_000m));
        int lineId;
        await using (var db = app.CreateDbContext())
        {
            lineId = await db.PaymentPlanLines.Where(l => db.Contracts.Any(c => c.Id == l.ContractId && c.DealId == card.Id)).Select(l => l.Id).SingleAsync();
        }

        var finance = await app.ApiAsync("finance1@ltchub.local");
        var issued = await finance.SendJsonAsync(HttpMethod.Post, "/api/v1/invoices",
            new { dealId = card.Id, amount = 50_000m, issueDate = DateOnly.FromDateTime(DateTime.UtcNow), paymentTermsDays = 30, paymentPlanLineId = lineId });
        var invoiceId = (await issued.JsonAsync()).GetProperty("id").GetInt32();

        async Task<HttpResponseMessage> PayAsync(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/invoices/{invoiceId}/payments")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { amount = 50_000m, date = DateOnly.FromDateTime(DateTime.UtcNow), reference = "银行流水 API-1" }),
            };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return await finance.SendAsync(request);
        }

        var noKey = await PayAsync(null);
        var first = await PayAsync("erp-payment-42");
        var retry = await PayAsync("erp-payment-42");

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var payments = await (await finance.GetAsync($"/api/v1/payments?invoiceId={invoiceId}")).JsonAsync();
        Assert.Equal(1, payments.GetProperty("total").GetInt32());
        Assert.Equal(StageKeys.Paid, (await app.Get<BoardReader>().CardAsync(card.Id))!.StageKey);
        var sales4 = await (await app.ApiAsync("sales4@ltchub.local", ApiScope.Read)).GetAsync($"/api/v1/invoices/{invoiceId}");
        Assert.Equal(HttpStatusCode.NotFound, sales4.StatusCode);
    }

    [Fact]
    public async Task SalesCannotIssueInvoices_ThroughTheApiEither()
    {
        var card = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Won, "销售开票商机");
        var client = await app.ApiAsync("sales1@ltchub.local");

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/invoices",
            new { dealId = card.Id, amount = 1_000m, issueDate = DateOnly.FromDateTime(DateTime.UtcNow), paymentTermsDays = 30 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Invoices.AnyAsync(i => i.DealId == card.Id));
    }
}
