using System.Net;
using System.Text;
using LtcHub.Domain.Accounts;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Identity;
using LtcHub.Tests.Support;
using LtcHub.Web.Exports;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace LtcHub.Tests.Web.Exports;

/// <summary>Exports through the real app: what the person may see, with the page's filter, safe to open in Excel, audited.</summary>
public class ExportTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private async Task<DealCardRef> LeadAsync(string email, string company, string contact)
    {
        var card = await app.Get<LeadService>().CaptureAsync(await app.ActorAsync(email),
            new LeadDraft(company, null, contact, null, null, LeadSource.Exhibition, null, "导出"));
        return new DealCardRef(card.Id, card.AccountId);
    }

    private sealed record DealCardRef(int DealId, int AccountId);

    /// <summary>The file's records, read by RFC 4180 (quoted fields may hold commas, quotes and line breaks).</summary>
    private static List<string[]> Lines(byte[] csv)
    {
        var text = Encoding.UTF8.GetString(csv, Bom.Length, csv.Length - Bom.Length);
        var (records, fields, field, quoted) = (new List<string[]>(), new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',' || c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                if (c == '\n')
                {
                    records.Add([.. fields]);
                    fields.Clear();
                }
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }

    [Fact]
    public async Task Sales1sLeadsCsv_HasABom_ChineseHeaders_OnlyLeadsSales1MaySee_AndFormulasNeutralized()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        await LeadAsync("sales1@ltchub.local", $"导出测试{unique}科技有限公司", "@SUM(A1)");
        await LeadAsync("sales4@ltchub.local", $"南方保密{unique}物流有限公司", "陈经理");
        var client = await app.SignedInAsync("sales1@ltchub.local", "zh-CN");

        var response = await client.GetAsync("/export/leads.csv?source=Exhibition");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Bom, bytes[..3]);
        var lines = Lines(bytes);
        Assert.Equal(["线索", "公司名称"], lines[0][..2]);
        var visible = await app.Get<LeadService>().ListAsync(await app.ActorAsync("sales1@ltchub.local"), new LeadFilter(Source: LeadSource.Exhibition), 50_000);
        Assert.Equal(visible.Count, lines.Count - 1);
        var mine = Assert.Single(lines, l => l[1] == $"导出测试{unique}科技有限公司");
        Assert.Equal("'@SUM(A1)", mine[2]);
        Assert.DoesNotContain(lines, l => l[1].Contains($"南方保密{unique}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheBoardCsv_TakesTheBoardsFilter_MyDealsOnly_StageByStage()
    {
        var client = await app.SignedInAsync("sales1@ltchub.local");
        var sales1 = await app.ActorAsync("sales1@ltchub.local");

        var lines = Lines(await client.GetByteArrayAsync("/export/board.csv?scope=Mine"));

        var snapshot = await app.Get<LtcHub.Infrastructure.Pipeline.BoardStore>().CurrentAsync();
        var mine = snapshot.Cards.Values.Where(c => c.OwnerId == sales1.UserId).ToList();
        Assert.Equal(["Deal", "Account", "Stage", "Owner"], lines[0][..4]);
        Assert.Equal(mine.Count, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal(sales1.DisplayName, l[3]));
        var stageOrder = snapshot.Stages.Select(s => s.NameEn).ToList();
        var exported = lines.Skip(1).Select(l => stageOrder.IndexOf(l[2])).ToList();
        Assert.Equal(exported.Order(), exported);
    }

    [Fact]
    public async Task TheContractsCsv_HoldsTheContractsTheListShows_ForThatFilter()
    {
        var client = await app.SignedInAsync("finance1@ltchub.local");
        var finance = await app.ActorAsync("finance1@ltchub.local");

        var lines = Lines(await client.GetByteArrayAsync("/export/contracts.csv?show=All"));

        var all = await app.Get<LtcHub.Infrastructure.Contracts.ContractReader>().ListAsync(finance, LtcHub.Infrastructure.Contracts.ContractFilter.All);
        Assert.NotEmpty(all);
        Assert.Equal(all.Select(c => c.Number).Order(), lines.Skip(1).Select(l => l[0]).Order());
        var first = all[0];
        var row = lines.Single(l => l[0] == first.Number);
        Assert.Equal((first.Amount, first.Collected), (decimal.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheContactsCsv_ListsTheContactsOfCustomersTheRepMaySee_AndOfOneCompanyWhenAsked()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var mine = await LeadAsync("sales1@ltchub.local", $"联系人导出{unique}有限公司", "=HYPERLINK(\"x\")");
        await LeadAsync("sales4@ltchub.local", $"华南联系人{unique}有限公司", $"保密联系人{unique}");
        var client = await app.SignedInAsync("sales1@ltchub.local", "zh-CN");

        var all = Lines(await client.GetByteArrayAsync("/export/contacts.csv"));
        var one = Lines(await client.GetByteArrayAsync($"/export/contacts.csv?accountId={mine.AccountId}"));
        var filtered = Lines(await client.GetByteArrayAsync($"/export/contacts.csv?text={unique}"));

        Assert.Equal(["公司名称", "联系人姓名"], all[0][..2]);
        Assert.Contains(all, l => l[0] == $"联系人导出{unique}有限公司" && l[1] == "'=HYPERLINK(\"x\")");
        Assert.DoesNotContain(all, l => l[1] == $"保密联系人{unique}");
        Assert.Equal([$"联系人导出{unique}有限公司"], one.Skip(1).Select(l => l[0]).Distinct());
        Assert.Equal(2, filtered.Count);
    }

    [Fact]
    public async Task TheQuotesAndPaymentsCsv_HoldWhatTheReaderMaySee()
    {
        var sales4 = await app.SignedInAsync("sales4@ltchub.local");
        var finance = await app.SignedInAsync("finance1@ltchub.local");
        var financeActor = await app.ActorAsync("finance1@ltchub.local");

        var quotesForSales4 = Lines(await sales4.GetByteArrayAsync("/export/quotes.csv"));
        var quotesForFinance = Lines(await finance.GetByteArrayAsync("/export/quotes.csv"));
        var payments = Lines(await finance.GetByteArrayAsync("/export/payments.csv?status=Paid"));

        await using var db = app.CreateDbContext();
        Assert.Equal(await db.Quotes.CountAsync(), quotesForFinance.Count - 1);
        Assert.True(quotesForSales4.Count < quotesForFinance.Count);
        var paid = await app.Get<LtcHub.Infrastructure.Billing.InvoiceReader>().ListAsync(financeActor,
            new LtcHub.Infrastructure.Billing.InvoiceFilter(LtcHub.Infrastructure.Billing.InvoiceStatusFilter.Paid));
        var paidIds = paid.Select(i => i.Id).ToList();
        Assert.Equal(await db.Payments.CountAsync(p => paidIds.Contains(p.InvoiceId)), payments.Count - 1);
        Assert.All(payments.Skip(1), l => Assert.Contains(l[1], paid.Select(i => i.Number)));
    }

    [Fact]
    public async Task AFilterThatDoesNotParse_IsRefusedWithAMessage_NotExportedUnfiltered()
    {
        var client = await app.SignedInAsync("sales1@ltchub.local");

        var response = await client.GetAsync("/export/accounts.csv?level=Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"level\"", await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was exported", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvoicesXlsx_OpensWithTheSameRowsAsTheList_AndTheExportIsInTheAuditLog()
    {
        var client = await app.SignedInAsync("finance1@ltchub.local");

        var response = await client.GetAsync("/export/invoices.xlsx?status=Unpaid");
        var sheet = (await response.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        var finance = await app.ActorAsync("finance1@ltchub.local");
        var unpaid = await app.Get<LtcHub.Infrastructure.Billing.InvoiceReader>().ListAsync(finance,
            new LtcHub.Infrastructure.Billing.InvoiceFilter(LtcHub.Infrastructure.Billing.InvoiceStatusFilter.Unpaid));
        Assert.Equal(unpaid.Count, sheet.Count);
        Assert.Equal(unpaid.Select(i => i.Number).Order(), sheet.Select(r => (string)r["Number"]!).Order());
        Assert.All(sheet, r => Assert.True(Convert.ToDecimal(r["Balance"], System.Globalization.CultureInfo.InvariantCulture) > 0));
        await using var db = app.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ActorId == finance.UserId && a.Field == SecurityAudit.Fields.Exported
            && a.NewValue!.StartsWith($"invoices.xlsx?status=Unpaid ({unpaid.Count})")));
    }

    [Fact]
    public void AFilter_GoesToAQueryString_AndComesBackTheSame()
    {
        var filter = new AccountFilter(Text: "华信 & co", Level: CustomerLevel.B, InPool: false, Payment: PaymentBehaviour.Late);

        var query = FilterQuery.ToQuery(filter);
        var back = FilterQuery.Parse<AccountFilter>(new Microsoft.AspNetCore.Http.QueryCollection(
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

        Assert.Equal(filter, back);
        Assert.Equal("", FilterQuery.ToQuery(AccountFilter.Everything));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+86 21 5555", "'+86 21 5555")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("华信科技", "华信科技")]
    public void TextThatASpreadsheetWouldRun_IsKeptAsText(string text, string written) => Assert.Equal(written, ExportWriter.Neutral(text));

    [Fact]
    public void Numbers_StayNumbers_EvenNegative()
    {
        Assert.Equal("-1250.50", ExportWriter.Cell(-1250.50m));
        Assert.Equal("2026-12-31", ExportWriter.Cell(new DateOnly(2026, 12, 31)));
    }
}
