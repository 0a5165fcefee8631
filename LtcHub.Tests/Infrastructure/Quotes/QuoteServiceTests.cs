using System.Text.RegularExpressions;
using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Infrastructure.Quotes;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Quotes;

public class QuoteServiceTests(BillingApp app) : IClassFixture<BillingApp>
{
    private QuoteService Quotes => app.Get<QuoteService>();

    private QuoteDraft Draft(decimal discount = 0m, int? contactId = null) =>
        new("zh-CN", contactId, app.Today.AddDays(30), "含一年维保",
            [new QuoteLineInput(null, "数据平台许可", "套", 2m, 180_000m, discount, 13m), new QuoteLineInput(null, "实施服务", "人天", 20m, 2_800m, 0m, 6m)]);

    [Fact]
    public async Task TheDealsOwner_CreatesAQuote_NumberedByYear_WithVatTotals_AndItIsAudited()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Qualified, "报价 · 创建");
        var quote = await Quotes.CreateAsync(await app.ActorAsync("sales1@ltchub.local"), deal.Id, Draft());

        Assert.Matches(new Regex(@"^Q-2026-\d{5}$"), quote.Number);
        Assert.Equal((1, QuoteStatus.Draft), (quote.Revision, quote.Status));
        Assert.Equal((416_000m, 50_160m, 466_160m), (quote.Net, quote.Tax, quote.Gross));
        await using var db = app.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == Quote.EntityType && a.EntityId == quote.Id.ToString() && a.Field == "Created"));
    }

    [Fact]
    public async Task OnlyTheOwnerOrManager_WritesQuotes_AndOtherTeamsDoNotEvenSeeThem()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Qualified, "报价 · 权限");
        await Assert.ThrowsAsync<ForbiddenException>(async () => await Quotes.CreateAsync(await app.ActorAsync("sales2@ltchub.local"), deal.Id, Draft()));
        await Assert.ThrowsAsync<NotFoundException>(async () => await Quotes.CreateAsync(await app.ActorAsync("sales4@ltchub.local"), deal.Id, Draft()));
        var quote = await Quotes.CreateAsync(await app.ActorAsync("salesmgr1@ltchub.local"), deal.Id, Draft());

        await Assert.ThrowsAsync<NotFoundException>(async () => await app.Get<QuoteReader>().GetAsync(await app.ActorAsync("sales4@ltchub.local"), quote.Id));
        Assert.Single(await app.Get<QuoteReader>().ForDealAsync(await app.ActorAsync("ops1@ltchub.local"), deal.Id));
    }

    [Fact]
    public async Task ABigDiscount_GoesToTheManager_WhoApproves_ThenTheRepSends_AndTheCustomersYesSetsTheDealsAmount()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Proposal, "报价 · 审批", 300_000m);
        var rep = await app.ActorAsync("sales1@ltchub.local");
        var manager = await app.ActorAsync("salesmgr1@ltchub.local");
        var quote = await Quotes.CreateAsync(rep, deal.Id, Draft(discount: 25m));
        Assert.True(quote.NeedsApproval);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Quotes.SendAsync(rep, quote.Id, quote.Version, email: false));
        Assert.Equal("Error.QuoteNeedsApproval", refused.Code);

        quote = await Quotes.RequestApprovalAsync(rep, quote.Id, quote.Version);
        await using (var db = app.CreateDbContext())
        {
            var alert = await db.Notifications.SingleAsync(n => n.UserId == manager.UserId && n.Kind == "quote.approval" && n.Key.StartsWith($"quote-approval:{quote.Id}:"));
            Assert.Contains(quote.Title, alert.Text);
        }

        await Assert.ThrowsAsync<ForbiddenException>(async () => await Quotes.ApproveAsync(await app.ActorAsync("sales2@ltchub.local"), quote.Id, quote.Version, null));
        quote = await Quotes.ApproveAsync(manager, quote.Id, quote.Version, "战略客户，同意");
        quote = await Quotes.SendAsync(rep, quote.Id, quote.Version, email: false);
        quote = await Quotes.AcceptAsync(rep, quote.Id, quote.Version);

        Assert.Equal(QuoteStatus.Accepted, quote.Status);
        await using var check = app.CreateDbContext();
        Assert.Equal(quote.Gross, await check.Deals.Where(d => d.Id == deal.Id).Select(d => d.Amount).SingleAsync());
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == Deal.EntityType && a.EntityId == deal.Id.ToString() && a.Field == DealFields.Amount
            && a.OldValue == "300000.00" && a.NewValue == quote.Gross.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheManagersRefusal_SendsTheQuoteBackToDraft_WithTheReason_AndTheRepIsTold()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Proposal, "报价 · 驳回");
        var rep = await app.ActorAsync("sales1@ltchub.local");
        var quote = await Quotes.CreateAsync(rep, deal.Id, Draft(discount: 30m));
        quote = await Quotes.RequestApprovalAsync(rep, quote.Id, quote.Version);

        await Assert.ThrowsAsync<DomainException>(async () => await Quotes.RefuseAsync(await app.ActorAsync("salesmgr1@ltchub.local"), quote.Id, quote.Version, " "));
        quote = await Quotes.RefuseAsync(await app.ActorAsync("salesmgr1@ltchub.local"), quote.Id, quote.Version, "折扣太高，最多 20%");

        Assert.Equal((QuoteStatus.Draft, "折扣太高，最多 20%"), (quote.Status, quote.ApprovalComment));
        await using var db = app.CreateDbContext();
        Assert.Contains("折扣太高", (await db.Notifications.SingleAsync(n => n.UserId == rep.UserId && n.Kind == "quote.decided" && n.Key.StartsWith($"quote-decided:{quote.Id}:"))).Text);
    }

    [Fact]
    public async Task ReviseKeepsTheOldVersion_AndAStaleChangeIsAConflictNamingWhoWon()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Proposal, "报价 · 修订");
        var rep = await app.ActorAsync("sales1@ltchub.local");
        var v1 = await Quotes.CreateAsync(rep, deal.Id, Draft());
        var sent = await Quotes.SendAsync(rep, v1.Id, v1.Version, email: false);

        var v2 = await Quotes.ReviseAsync(rep, sent.Id, sent.Version);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Quotes.AcceptAsync(rep, sent.Id, sent.Version));

        Assert.Equal("Error.QuoteConflict", conflict.Code);
        Assert.Equal("王芳 Wang Fang", conflict.Args[0]);
        Assert.Equal("王芳 Wang Fang", conflict.ChangedBy);
        var all = await app.Get<QuoteReader>().ForDealAsync(rep, deal.Id);
        Assert.Equal([(2, QuoteStatus.Draft), (1, QuoteStatus.Superseded)], all.Select(q => (q.Revision, q.Status)));
        Assert.Equal((v1.Number, v1.Gross), (v2.Number, v2.Gross));
    }

    [Fact]
    public async Task SendingByEmail_PutsTheLetterAndItsPdfInTheOutbox_InTheCustomersLanguage()
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Proposal, "报价 · 邮件");
        await using var db = app.CreateDbContext();
        var contact = await db.Contacts.Where(c => c.AccountId == deal.AccountId && c.Email != null).OrderBy(c => c.Id).FirstAsync();
        var rep = await app.ActorAsync("sales1@ltchub.local");
        var quote = await Quotes.CreateAsync(rep, deal.Id, Draft(contactId: contact.Id) with { Culture = "en-US" });

        await Quotes.SendAsync(rep, quote.Id, quote.Version, email: true);

        var letter = await db.OutboxEmails.SingleAsync(e => e.MessageId == $"quote-{quote.Number}-v1@ltchub.local");
        Assert.Equal(contact.Email, letter.ToAddress);
        Assert.StartsWith($"Quotation {quote.Number}", letter.Subject);
        Assert.Equal(("application/pdf", $"{quote.Number}-v1.pdf"), (letter.AttachmentContentType, letter.AttachmentName));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(letter.Attachment!, 0, 4));
    }

    [Fact]
    public async Task TheNightlyJob_ExpiresSentQuotesPastTheirDate_AndTellsTheOwner()
    {
        var deal = await app.CreateDealAsync("sales3@ltchub.local", StageKeys.Proposal, "报价 · 过期");
        var rep = await app.ActorAsync("sales3@ltchub.local");
        var quote = await Quotes.CreateAsync(rep, deal.Id, Draft() with { ValidUntil = app.Today.AddDays(2) });
        quote = await Quotes.SendAsync(rep, quote.Id, quote.Version, email: false);

        Assert.DoesNotContain(quote.Id, await ExpiredAsync());
        app.SetToday(app.Today.AddDays(3));
        await app.Get<QuoteExpiry>().RunAsync();

        Assert.Contains(quote.Id, await ExpiredAsync());
        await using var db = app.CreateDbContext();
        Assert.Contains("已过有效期", (await db.Notifications.SingleAsync(n => n.Key == $"quote-expired:{quote.Id}")).Text);
        Assert.Equal(0, await app.Get<QuoteExpiry>().RunAsync());

        async Task<List<int>> ExpiredAsync()
        {
            await using var check = app.CreateDbContext();
            return await check.Quotes.Where(q => q.Status == QuoteStatus.Expired).Select(q => q.Id).ToListAsync();
        }
    }
}
