using System.Text;
using LtcHub.Domain.Accounts;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Imports;
using LtcHub.Infrastructure.Pipeline;
using LtcHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace LtcHub.Tests.Infrastructure.Imports;

/// <summary>Imports through the real services on the real SQLite file: decoding, mapping, dates, the rules, duplicates, undo.</summary>
public class ImportTests(LtcHubApp app) : IClassFixture<LtcHubApp>
{
    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ImportService Imports => app.Get<ImportService>();

    private static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    private async Task<string> UploadAsync(byte[] bytes) => await Imports.UploadAsync(new MemoryStream(bytes));

    private async Task<ImportRun> RunAsync(string email, ImportPreview preview, DuplicatePolicy policy = DuplicatePolicy.Skip, bool dryRun = false,
        IReadOnlyDictionary<string, int>? mapping = null)
    {
        var actor = await app.ActorAsync(email);
        var id = await Imports.StartAsync(actor, new ImportRequest(preview.Kind, preview.FileKey, preview.FileName, preview.Encoding == ImportFile.Xlsx ? null : preview.Encoding,
            mapping ?? preview.Mapping, preview.DateOrder, policy, dryRun));
        await app.Get<ImportRunner>().RunAsync(id);
        return await Imports.GetAsync(actor, id);
    }

    private async Task<string> Sales1CompanyAsync()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        await using var db = app.CreateDbContext();
        return await db.Accounts.Where(a => a.OwnerId == sales1.UserId && a.MergedIntoId == null).OrderBy(a => a.Id).Select(a => a.Name).FirstAsync();
    }

    [Fact]
    public async Task AGb18030CsvWithChineseHeaders_IsDecoded_Mapped_AndItsAmbiguousDatesFlagged_ThenReadInTheChosenOrder()
    {
        var company = await Sales1CompanyAsync();
        var csv = $"公司名称;商机名称;金额;预计成交日期;下一步\r\n{company};国标商机一;\"12,000.50\";01/02/2026;电话回访\r\n{company};国标商机二;￥8000;25/12/2026;\r\n";
        var key = await UploadAsync(Gb18030.GetBytes(csv));
        var sales1 = await app.ActorAsync("sales1@ltchub.local");

        var preview = await Imports.PreviewAsync(sales1, ImportKind.Deals, key, "旧系统导出.csv", null, ImportDateOrder.DayMonthYear);

        Assert.Equal((ImportFile.Gb18030, ";"), (preview.Encoding, preview.Delimiter));
        Assert.Equal(["公司名称", "商机名称", "金额", "预计成交日期", "下一步"], preview.Headers);
        Assert.Equal(new Dictionary<string, int> { ["company"] = 0, ["dealName"] = 1, ["amount"] = 2, ["closeDate"] = 3, ["nextStep"] = 4 },
            preview.Mapping.ToDictionary());
        Assert.Equal(["01/02/2026"], preview.Rows[0].Ambiguous);
        Assert.Empty(preview.Rows[1].Ambiguous);
        Assert.All(preview.Rows, r => Assert.Empty(r.Problems));

        var run = await RunAsync("sales1@ltchub.local", preview);

        Assert.Equal((ImportStatus.Done, 2, 0), (run.Status, run.Created, run.Failed));
        await using var db = app.CreateDbContext();
        var one = await db.Deals.SingleAsync(d => d.Name == "国标商机一");
        Assert.Equal((new DateOnly(2026, 2, 1), 12_000.50m, "电话回访", sales1.UserId), (one.ExpectedCloseDate!.Value, one.Amount!.Value, one.NextStep, one.OwnerId));
        Assert.Equal(new DateOnly(2026, 12, 25), (await db.Deals.SingleAsync(d => d.Name == "国标商机二")).ExpectedCloseDate);
        Assert.Contains((await app.Get<BoardStore>().CurrentAsync()).CardsIn(StageKeys.Lead), c => c.Name == "国标商机一");
    }

    [Fact]
    public async Task BytesThatAreNeitherUtf8NorGb18030_AreRefused_AndAChosenEncodingIsReadStrictly()
    {
        var key = await UploadAsync([0x41, 0x2C, 0x42, 0x0D, 0x0A, 0x80, 0xFF, 0xFE, 0x81]);
        var utf8Key = await UploadAsync(Encoding.UTF8.GetBytes("公司名称\r\n华为\r\n"));
        var sales1 = await app.ActorAsync("sales1@ltchub.local");

        var undecodable = await Assert.ThrowsAsync<LtcHub.Domain.Common.DomainException>(() =>
            Imports.PreviewAsync(sales1, ImportKind.Leads, key, "bad.csv", null, ImportDateOrder.YearMonthDay));
        var asUtf16 = await Imports.PreviewAsync(sales1, ImportKind.Leads, utf8Key, "good.csv", ImportFile.Utf8, ImportDateOrder.YearMonthDay);

        Assert.Equal("Error.ImportEncoding", undecodable.Code);
        Assert.Equal("华为", asUtf16.Rows[0].Cells[0]);
    }

    [Fact]
    public async Task AnXlsxWithSerialDates_ReadsThemAsTheirDays()
    {
        var company = await Sales1CompanyAsync();
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["Company"] = company, ["Deal Name"] = "Serial date deal", ["Amount"] = 5000, ["Close Date"] = 46082 },
            new Dictionary<string, object?> { ["Company"] = company, ["Deal Name"] = "Date cell deal", ["Amount"] = 6000, ["Close Date"] = new DateTime(2026, 7, 15) },
        });
        var key = await UploadAsync(workbook.ToArray());
        var sales1 = await app.ActorAsync("sales1@ltchub.local");

        var preview = await Imports.PreviewAsync(sales1, ImportKind.Deals, key, "deals.xlsx", null, ImportDateOrder.YearMonthDay);
        var run = await RunAsync("sales1@ltchub.local", preview);

        Assert.Equal(ImportFile.Xlsx, preview.Encoding);
        Assert.Equal((2, 0), (run.Created, run.Failed));
        await using var db = app.CreateDbContext();
        Assert.Equal(new DateOnly(2026, 3, 1), (await db.Deals.SingleAsync(d => d.Name == "Serial date deal")).ExpectedCloseDate);
        Assert.Equal(new DateOnly(2026, 7, 15), (await db.Deals.SingleAsync(d => d.Name == "Date cell deal")).ExpectedCloseDate);
    }

    [Fact]
    public async Task InvalidRows_AreListedWithTheirReasons_ValidOnesImported_AndADryRunWritesNothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var csv = $"Company,Contact,Mobile,E-mail,Source\n导入甲{unique}有限公司,张三,13800001111,,展会\n导入乙{unique}有限公司,李四,12345,,Web\n"
            + $",王五,13900002222,,Web\n导入丙{unique}有限公司,,,someone@example.cn,Web\n导入丁{unique}有限公司,赵六,,,Billboard\n";
        var sales2 = await app.ActorAsync("sales2@ltchub.local");
        var preview = await Imports.PreviewAsync(sales2, ImportKind.Leads, await UploadAsync(Encoding.UTF8.GetBytes(csv)), "leads.csv", null, ImportDateOrder.YearMonthDay);

        var dry = await RunAsync("sales2@ltchub.local", preview, dryRun: true);
        await using (var db = app.CreateDbContext())
        {
            Assert.False(await db.Accounts.AnyAsync(a => a.Name.Contains(unique)));
        }

        Assert.Equal((1, 4), (dry.Created, dry.Failed));
        var again = await Imports.PreviewAsync(sales2, ImportKind.Leads, await UploadAsync(Encoding.UTF8.GetBytes(csv)), "leads.csv", null, ImportDateOrder.YearMonthDay);
        var run = await RunAsync("sales2@ltchub.local", again);

        Assert.Equal((1, 4), (run.Created, run.Failed));
        var problems = await Imports.ProblemsAsync(sales2, run.Id);
        Assert.Equal([(3, "Error.PhoneInvalid"), (4, "Error.Required"), (5, "Error.Required"), (6, "Error.ImportChoice")],
            problems.Select(p => (p.RowNumber, p.Code)));
        var download = await (await app.SignedInAsync("sales2@ltchub.local", "zh-CN")).GetAsync($"/imports/{run.Id}/rejected.csv");
        var text = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("\uFEFFCompany,Contact,Mobile,E-mail,Source,原因", text);
        Assert.Contains("“12345” 不是有效的电话号码", text);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await (await app.SignedInAsync("sales3@ltchub.local")).GetAsync($"/imports/{run.Id}/rejected.csv")).StatusCode);
        var rejected = (await Imports.RejectedAsync(sales2, run.Id))!.Value;
        Assert.Equal(["Company", "Contact", "Mobile", "E-mail", "Source"], rejected.Headers);
        Assert.Equal($"导入乙{unique}有限公司", rejected.Rows[0].Cells[0]);
        await using var check = app.CreateDbContext();
        var made = await check.Accounts.Include(a => a.Contacts).SingleAsync(a => a.Name == $"导入甲{unique}有限公司");
        Assert.Equal((LeadSource.Exhibition, sales2.UserId, "13800001111"), (made.Source!.Value, made.OwnerId!, made.Contacts.Single().Phone!));
        Assert.True(await check.Deals.AnyAsync(d => d.AccountId == made.Id && d.OwnerId == sales2.UserId));
    }

    [Fact]
    public async Task Duplicates_AreSkipped_Updated_OrRefusedWhenSomeoneElseHasThem_NamingOnlyTheOwner()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var sales4 = await app.ActorAsync("sales4@ltchub.local");
        await app.Get<LtcHub.Infrastructure.Accounts.LeadService>().CaptureAsync(sales4,
            new LtcHub.Infrastructure.Accounts.LeadDraft($"南方{unique}机密公司", null, "陈总", null, null, LeadSource.Phone, null, null));
        var mine = $"我的{unique}客户公司";
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var first = await Imports.PreviewAsync(sales1, ImportKind.Accounts,
            await UploadAsync(Encoding.UTF8.GetBytes($"公司名称,城市\n{mine},杭州\n")), "a.csv", null, ImportDateOrder.YearMonthDay);
        await RunAsync("sales1@ltchub.local", first);
        var csv = $"公司名称,城市,行业\n{mine},苏州,制造\n（南方{unique}机密公司）,广州,物流\n";

        var skipped = await RunAsync("sales1@ltchub.local",
            await Imports.PreviewAsync(sales1, ImportKind.Accounts, await UploadAsync(Encoding.UTF8.GetBytes(csv)), "b.csv", null, ImportDateOrder.YearMonthDay));
        var updated = await RunAsync("sales1@ltchub.local",
            await Imports.PreviewAsync(sales1, ImportKind.Accounts, await UploadAsync(Encoding.UTF8.GetBytes(csv)), "c.csv", null, ImportDateOrder.YearMonthDay),
            DuplicatePolicy.Update);

        Assert.Equal((0, 0, 2), (skipped.Created, skipped.Updated, skipped.Skipped));
        Assert.Equal((1, 1), (updated.Updated, updated.Failed));
        var refusal = (await Imports.ProblemsAsync(sales1, updated.Id)).Single();
        Assert.Equal("Error.DuplicateOwned", refusal.Code);
        Assert.Equal(["刘洋 Liu Yang"], refusal.Args);
        await using var db = app.CreateDbContext();
        Assert.Equal(("苏州", "制造"), await db.Accounts.Where(a => a.Name == mine).Select(a => ValueTuple.Create(a.City!, a.Industry!)).SingleAsync());
        Assert.Equal(1, await db.Accounts.CountAsync(a => a.Name.Contains($"南方{unique}")));
    }

    [Fact]
    public async Task TenThousandRows_ImportInBatches_AndUndoTakesThemBack_ExceptWhatSomeoneChangedSince()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("公司名称,联系人,手机,线索来源,需求\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append($"批量{unique}客户{i:D5}有限公司,联系人{i},139{i:D8},网站,试用\n");
        }

        var admin = await app.ActorAsync("admin@ltchub.local");
        var preview = await Imports.PreviewAsync(admin, ImportKind.Leads, await UploadAsync(Encoding.UTF8.GetBytes(csv.ToString())), "big.csv", null,
            ImportDateOrder.YearMonthDay);
        var run = await RunAsync("admin@ltchub.local", preview);
        Assert.Equal((10_000, 10_000, 0), (run.TotalRows, run.Created, run.Failed));

        // Someone works one of the new deals after the import (row 44: the header is row 1): undo leaves it (and its company) alone.
        int kept;
        await using (var db = app.CreateDbContext())
        {
            kept = await db.Deals.Where(d => d.Name == $"批量{unique}客户00042有限公司 · 试用").Select(d => d.Id).SingleAsync();
        }

        var card = (await app.Get<BoardReader>().CardAsync(kept))!;
        var edited = await app.Get<PipelineService>().EditAsync(admin, kept, card.Version,
            new DealEdit(card.Name, 99_000m, "CNY", null, "已跟进", null, null));
        Assert.True(edited.Succeeded);

        var undone = await app.Get<ImportUndo>().UndoAsync(admin, run.Id);

        Assert.Equal([(44, "Deal", kept)], undone.LeftAlone.Where(l => l.EntityType == "Deal").Select(l => (l.RowNumber, l.EntityType, l.EntityId)));
        Assert.Equal(9_999 * 2, undone.Removed);
        await using var check = app.CreateDbContext();
        Assert.Equal(1, await check.Accounts.CountAsync(a => a.Name.StartsWith($"批量{unique}")));
        Assert.Equal(1, await check.Deals.CountAsync(d => d.Name.StartsWith($"批量{unique}")));
        Assert.Equal(ImportStatus.Undone, (await Imports.GetAsync(admin, run.Id)).Status);
        Assert.DoesNotContain((await app.Get<BoardStore>().CurrentAsync()).Cards.Values, c => c.Name.StartsWith($"批量{unique}客户00001"));
    }

    [Fact]
    public async Task ProductsNeedFinanceOrAdmin_AndAnInvoiceWithItsPaymentIsMigrated()
    {
        var sales1 = await app.ActorAsync("sales1@ltchub.local");
        var finance = await app.ActorAsync("finance1@ltchub.local");
        var key = await UploadAsync(Encoding.UTF8.GetBytes("产品名称,单位,单价,税率\n导入服务包,套,\"1,200\",6%\n"));
        await Assert.ThrowsAsync<LtcHub.Domain.Common.ForbiddenException>(() =>
            Imports.PreviewAsync(sales1, ImportKind.Products, key, "p.csv", null, ImportDateOrder.YearMonthDay));
        var products = await RunAsync("finance1@ltchub.local", await Imports.PreviewAsync(finance, ImportKind.Products, key, "p.csv", null, ImportDateOrder.YearMonthDay));

        var deal = await app.CreateDealAsync("sales1@ltchub.local", StageKeys.Delivery, $"迁移发票商机{Guid.NewGuid():N}"[..12], 30_000m);
        string company;
        await using (var db = app.CreateDbContext())
        {
            company = await db.Accounts.Where(a => a.Id == deal.AccountId).Select(a => a.Name).SingleAsync();
        }

        var number = "LEGACY-" + Guid.NewGuid().ToString("N")[..8];
        var invoices = await RunAsync("finance1@ltchub.local", await Imports.PreviewAsync(finance, ImportKind.Invoices,
            await UploadAsync(Encoding.UTF8.GetBytes($"发票号码,公司名称,商机名称,发票金额,开票日期,到期日,已收金额,回款日期\n{number},{company},{deal.Name},10000,2026/01/05,2026/02/04,4000,2026年1月20日\n")),
            "i.csv", null, ImportDateOrder.YearMonthDay));

        Assert.Equal(1, products.Created);
        Assert.Equal((1, 0), (invoices.Created, invoices.Failed));
        await using var check = app.CreateDbContext();
        Assert.Equal((1_200m, 6m), await check.Products.Where(p => p.NameZh == "导入服务包").Select(p => ValueTuple.Create(p.ListPrice, p.TaxRate)).SingleAsync());
        var invoice = await check.Invoices.Include(i => i.Payments).SingleAsync(i => i.Number == number);
        Assert.Equal((10_000m, 4_000m, new DateOnly(2026, 2, 4), new DateOnly(2026, 1, 20)),
            (invoice.Amount, invoice.PaidAmount, invoice.DueDate, invoice.Payments.Single().Date));
    }
}
