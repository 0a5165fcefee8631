using LtcHub.Domain.Common;
using LtcHub.Domain.Contracts;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Contracts;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LtcHub.Tests.Infrastructure.Contracts;

/// <summary>Contract → plan → invoices → payments → Paid, through the real services on a real SQLite file.</summary>
public class ContractServiceTests(BillingApp app) : IClassFixture<BillingApp>
{
    private ContractService Contracts => app.Get<ContractService>();

    private BillingService Billing => app.Get<BillingService>();

    private async Task<(DealCard Deal, ContractView Contract)> SignedAsync(string name, decimal amount = 100_000m, string stage = StageKeys.Delivery)
    {
        var deal = await app.CreateDealAsync("sales1@ltchub.local", stage, name, 90_000m);
        var contract = await Contracts.CreateAsync(await app.ActorAsync("sales1@ltchub.local"), deal.Id, new ContractDraft(app.Today, amount, app.Today,
            app.Today.AddYears(1), null, [new(app.Today.AddDays(10), null, 30m), new(app.Today.AddDays(40), null, 40m), new(app.Today.AddDays(70), null, 30m)]));
        return (deal, contract);
    }

    private async Task<string> StageOfAsync(int dealId)
    {
        await using var db = app.CreateDbContext();
        return await db.Deals.Where(d => d.Id == dealId).Select(d => d.Stage.Key).SingleAsync();
    }

    private async Task<InvoiceRow> IssueAsync(int dealId, PlanLineView line) =>
        await Billing.CreateAsync(await app.ActorAsync("finance1@ltchub.local"), new InvoiceInput(dealId, 0m, app.Today, 30, null, line.Id));

    private async Task PayAsync(InvoiceRow invoice) =>
        await Billing.RecordPaymentAsync(await app.ActorAsync("finance1@ltchub.local"), invoice.Id,
            new PaymentInput(invoice.Amount, app.Today, "BANK", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task AContract_NumberedByYear_MakesItsAmountTheDeals_AndADealHasOnlyOne()
    {
        var (deal, contract) = await SignedAsync("合同 · 创建");

        Assert.Matches(@"^CT-2026-\d{5}$", contract.Number);
        Assert.Equal([30_000m, 40_000m, 30_000m], contract.Plan.Select(l => l.Amount));
        await using var db = app.CreateDbContext();
        Assert.Equal(100_000m, await db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Amount).SingleAsync());
        var again = await Assert.ThrowsAsync<DomainException>(async () => await Contracts.CreateAsync(await app.ActorAsync("sales1@ltchub.local"), deal.Id,
            new ContractDraft(app.Today, 1m, app.Today, null, null, [])));
        Assert.Equal("Error.ContractExists", again.Code);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await Contracts.CreateAsync(await app.ActorAsync("finance1@ltchub.local"),
            (await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Negotiation)).Id, new ContractDraft(app.Today, 1m, app.Today, null, null, [])));
    }

    [Fact]
    public async Task InvoicesComeFromTheInstalments_TheFirstTakesTheDealToInvoiced_AndOnlyTheLastPaymentToPaid()
    {
        var (deal, contract) = await SignedAsync("合同 · 回款");
        var freeForm = await Assert.ThrowsAsync<DomainException>(async () =>
            await Billing.CreateAsync(await app.ActorAsync("finance1@ltchub.local"), new InvoiceInput(deal.Id, 10_000m, app.Today, 30, null)));
        Assert.Equal("Error.InvoiceNeedsPlanLine", freeForm.Code);

        var first = await IssueAsync(deal.Id, contract.Plan[0]);
        Assert.Equal((30_000m, StageKeys.Invoiced), (first.Amount, await StageOfAsync(deal.Id)));
        Assert.Equal("Error.PlanLineInvoiced", (await Assert.ThrowsAsync<DomainException>(() => IssueAsync(deal.Id, contract.Plan[0]))).Code);

        await PayAsync(first);
        var second = await IssueAsync(deal.Id, contract.Plan[1]);
        await PayAsync(second);
        Assert.Equal(StageKeys.Invoiced, await StageOfAsync(deal.Id));

        var third = await IssueAsync(deal.Id, contract.Plan[2]);
        await PayAsync(third);
        Assert.Equal(StageKeys.Paid, await StageOfAsync(deal.Id));
        var done = (await app.Get<ContractReader>().ForDealAsync(await app.ActorAsync("sales1@ltchub.local"), deal.Id))!;
        Assert.Equal((1m, 3, true), (done.CollectedShare, done.PaidLines, done.FullyCollected));
    }

    [Fact]
    public async Task TheCardShowsThePlansProgress_OnEveryOpenBoard_ThoughThePaymentMovedNothing()
    {
        var shared = app.Get<BoardStore>();
        await shared.CurrentAsync();
        var (deal, contract) = await SignedAsync("合同 · 卡片");
        await PayAsync(await IssueAsync(deal.Id, contract.Plan[0]));

        var card = (await app.Get<BoardReader>().CardAsync(deal.Id))!;
        Assert.Equal(new PlanProgress(1, 3, 0.3m), card.Plan);

        // The open boards' shared snapshot took the refreshed card (same deal version: only what it shows changed).
        for (var i = 0; i < 50 && (await shared.CurrentAsync()).Cards[deal.Id].Plan != card.Plan; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal((StageKeys.Invoiced, card.Version, card.Plan), ((await shared.CurrentAsync()).Cards[deal.Id] is var held
            ? (held.StageKey, held.Version, held.Plan) : default));
    }

    [Fact]
    public async Task FinanceChangesThePlan_KeepingWhatIsInvoiced_AndSalesMayNot()
    {
        var (deal, contract) = await SignedAsync("合同 · 改计划");
        await IssueAsync(deal.Id, contract.Plan[0]);
        var finance = await app.ActorAsync("finance1@ltchub.local");
        contract = (await app.Get<ContractReader>().ForDealAsync(finance, deal.Id))!;

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Contracts.SetPlanAsync(await app.ActorAsync("sales1@ltchub.local"), contract.Id, contract.Version, [new(app.Today.AddDays(90), 70_000m, null)]));
        var changed = await Contracts.SetPlanAsync(finance, contract.Id, contract.Version, [new(app.Today.AddDays(90), 70_000m, null)]);

        Assert.Equal([(1, 30_000m, true), (2, 70_000m, false)], changed.Plan.Select(l => (l.Number, l.Amount, l.InvoiceId is not null)));
        var stale = await Assert.ThrowsAsync<ConflictException>(() => Contracts.SetPlanAsync(finance, contract.Id, contract.Version, [new(app.Today, 70_000m, null)]));
        Assert.Equal("Error.ContractConflict", stale.Code);
    }

    [Fact]
    public async Task TheSignedScan_IsAPdfOrImageUpTo10MB_StoredOutsideTheWebRoot_AndOnlyThoseWhoMaySeeTheDealGetIt()
    {
        var (_, contract) = await SignedAsync("合同 · 扫描件");
        var rep = await app.ActorAsync("sales1@ltchub.local");
        var notAFile = await Assert.ThrowsAsync<DomainException>(() => Contracts.AttachAsync(rep, contract.Id, "scan.pdf", new MemoryStream("MZ\x90\0"u8.ToArray()), 4));
        Assert.Equal("Error.AttachmentType", notAFile.Code);
        var tooBig = await Assert.ThrowsAsync<DomainException>(() => Contracts.AttachAsync(rep, contract.Id, "big.pdf", new MemoryStream(), AttachmentStore.MaxSize + 1));
        Assert.Equal("Error.AttachmentTooLarge", tooBig.Code);

        var pdf = "%PDF-1.4\n%signed\n"u8.ToArray();
        var saved = await Contracts.AttachAsync(rep, contract.Id, "签字版合同.pdf", new MemoryStream(pdf), pdf.Length);

        Assert.Equal(("签字版合同.pdf", "application/pdf"), (saved.Attachment!.FileName, saved.Attachment.ContentType));
        Assert.DoesNotContain("wwwroot", saved.Attachment.StorageKey);
        var (content, _, _) = await Contracts.OpenAttachmentAsync(await app.ActorAsync("finance1@ltchub.local"), contract.Id);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(pdf, copy.ToArray());
        }

        await Assert.ThrowsAsync<NotFoundException>(async () => await Contracts.OpenAttachmentAsync(await app.ActorAsync("sales4@ltchub.local"), contract.Id));
    }

    [Fact]
    public async Task TheJob_IssuesInstalmentsDueSoon_WhenTheCompanyTurnedItOn_AndTwoRunsIssueEachOnce()
    {
        var admin = await app.ActorAsync("admin@ltchub.local");
        var settings = app.Get<LtcHub.Infrastructure.Settings.CompanySettingsService>();
        var (deal, contract) = await SignedAsync("合同 · 自动开票");
        Assert.Equal(0, await app.Get<PlanInvoicing>().IssueDueAsync());

        var current = await settings.GetAsync();
        await settings.UpdateAsync(admin, current.Version, new(current.DiscountApprovalLimit, current.QuoteValidityDays, 12, current.PlanReminderDaysBeforeDue));
        await Task.WhenAll(app.Get<PlanInvoicing>().IssueDueAsync(), app.Get<PlanInvoicing>().IssueDueAsync());

        await using var db = app.CreateDbContext();
        var issued = await db.Invoices.Where(i => i.DealId == deal.Id).ToListAsync();
        var line = Assert.Single(issued);
        Assert.Equal((contract.Plan[0].Id, contract.Plan[0].DueDate), (line.PaymentPlanLineId, line.DueDate));
        await settings.UpdateAsync(admin, (await settings.GetAsync()).Version, new(current.DiscountApprovalLimit, current.QuoteValidityDays, null, current.PlanReminderDaysBeforeDue));
    }
}
