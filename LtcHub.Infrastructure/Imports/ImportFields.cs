namespace LtcHub.Infrastructure.Imports;

/// <summary>One thing a row can carry, with the headers it goes by in Chinese and English exports (old CRMs, Excel).</summary>
public sealed record ImportField(string Key, bool Required, params string[] Synonyms);

/// <summary>The fields each kind of import reads. Keys are stable (the mapping is stored by them); headers match ignoring case, spaces and punctuation.</summary>
public static class ImportFields
{
    public const string Company = "company";
    public const string EnglishName = "englishName";
    public const string Industry = "industry";
    public const string City = "city";
    public const string Level = "level";
    public const string Size = "size";
    public const string ContactName = "contactName";
    public const string Title = "title";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Owner = "owner";
    public const string Source = "source";
    public const string Campaign = "campaign";
    public const string Need = "need";
    public const string Notes = "notes";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string DealName = "dealName";
    public const string Stage = "stage";
    public const string CloseDate = "closeDate";
    public const string NextStep = "nextStep";
    public const string NameZh = "nameZh";
    public const string NameEn = "nameEn";
    public const string Unit = "unit";
    public const string Price = "price";
    public const string TaxRate = "taxRate";
    public const string Number = "number";
    public const string IssueDate = "issueDate";
    public const string DueDate = "dueDate";
    public const string PaidAmount = "paidAmount";
    public const string PaidDate = "paidDate";
    public const string Reference = "reference";

    private static readonly ImportField CompanyField = new(Company, true, "公司名称", "公司", "客户名称", "客户", "企业名称", "单位名称", "Company", "Company Name",
        "Account", "Account Name", "Customer", "Customer Name", "Organization");

    private static readonly ImportField[] Profile =
    [
        new(EnglishName, false, "英文名称", "英文名", "English Name"),
        new(Industry, false, "行业", "所属行业", "Industry"),
        new(City, false, "城市", "所在城市", "地区", "所在地区", "City", "Region"),
        new(Level, false, "客户等级", "等级", "Level", "Customer Level", "Tier"),
        new(Size, false, "企业规模", "规模", "人员规模", "Size", "Company Size"),
    ];

    private static readonly ImportField[] Person =
    [
        new(ContactName, false, "联系人", "联系人姓名", "姓名", "Contact", "Contact Name", "Name"),
        new(Title, false, "职位", "职务", "Title", "Job Title", "Position"),
        new(Phone, false, "手机", "手机号", "手机号码", "电话", "联系电话", "Mobile", "Phone", "Telephone", "Cell"),
        new(Email, false, "邮箱", "电子邮箱", "电子邮件", "邮件", "Email", "E-mail", "Mail"),
    ];

    private static readonly ImportField OwnerField = new(Owner, false, "负责人", "销售", "所属销售", "跟进人", "归属人", "Owner", "Sales Rep", "Account Owner", "Assigned To");
    private static readonly ImportField AmountField = new(Amount, false, "金额", "预计金额", "商机金额", "合同金额", "Amount", "Deal Amount", "Value");
    private static readonly ImportField CurrencyField = new(Currency, false, "币种", "货币", "Currency");

    public static IReadOnlyList<ImportField> Of(ImportKind kind) => kind switch
    {
        ImportKind.Leads =>
        [
            CompanyField, .. Person, OwnerField,
            new(Source, false, "线索来源", "来源", "客户来源", "Source", "Lead Source"),
            new(Campaign, false, "市场活动", "活动", "Campaign"),
            new(Need, false, "需求", "需求描述", "Need", "Requirement", "Interest"),
            AmountField, CurrencyField,
            new(Notes, false, "备注", "说明", "Notes", "Remarks", "Comment"),
        ],
        ImportKind.Accounts => [CompanyField, .. Profile, .. Person, OwnerField],
        ImportKind.Contacts => [CompanyField, Person[0] with { Required = true }, .. Person[1..]],
        ImportKind.Deals =>
        [
            CompanyField,
            new(DealName, true, "商机名称", "商机", "机会名称", "Deal", "Deal Name", "Opportunity", "Opportunity Name"),
            new(Stage, false, "阶段", "销售阶段", "商机阶段", "Stage", "Sales Stage"),
            AmountField, CurrencyField,
            new(CloseDate, false, "预计成交日期", "成交日期", "预计签约日期", "Close Date", "Expected Close", "Expected Close Date"),
            new(NextStep, false, "下一步", "下一步计划", "Next Step"),
            OwnerField,
        ],
        ImportKind.Products =>
        [
            new(NameZh, true, "产品名称", "中文名称", "名称", "Product", "Product Name", "Name"),
            new(NameEn, false, "英文名称", "英文名", "English Name"),
            new(Unit, true, "单位", "计量单位", "Unit", "UoM"),
            new(Price, true, "单价", "价格", "标准价", "标准单价", "Price", "List Price", "Unit Price"),
            CurrencyField,
            new(TaxRate, false, "税率", "Tax Rate", "VAT", "Tax"),
        ],
        ImportKind.Invoices =>
        [
            new(Number, true, "发票号", "发票号码", "发票编号", "Invoice", "Invoice Number", "Invoice No", "Number"),
            CompanyField,
            new(DealName, true, "商机名称", "商机", "项目", "Deal", "Deal Name", "Project"),
            AmountField with { Required = true, Synonyms = ["发票金额", "开票金额", "金额", "Amount", "Invoice Amount", "Total"] },
            CurrencyField,
            new(IssueDate, true, "开票日期", "发票日期", "Issue Date", "Invoice Date", "Date"),
            new(DueDate, false, "到期日", "应收日期", "付款截止日", "Due Date", "Due"),
            new(PaidAmount, false, "已收金额", "回款金额", "已回款", "Paid", "Paid Amount", "Amount Paid"),
            new(PaidDate, false, "回款日期", "收款日期", "Paid Date", "Payment Date", "Paid On"),
            new(Reference, false, "凭证号", "付款凭证", "流水号", "Reference", "Payment Reference"),
        ],
        _ => [],
    };

    /// <summary>A header as it is compared: lower case, without spaces, punctuation or a trailing colon (全角 too).</summary>
    public static string Normalize(string? header) =>
        new((header ?? "").Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormKC).Where(char.IsLetterOrDigit).ToArray());

    /// <summary>The column each field reads: remembered choices first, then the synonyms; a column serves one field.</summary>
    public static Dictionary<string, int> AutoMap(ImportKind kind, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string> remembered)
    {
        var map = new Dictionary<string, int>();
        var used = new HashSet<int>();
        var normalized = headers.Select(Normalize).ToList();
        for (var i = 0; i < normalized.Count; i++)
        {
            if (remembered.TryGetValue(normalized[i], out var field) && Of(kind).Any(f => f.Key == field) && !map.ContainsKey(field))
            {
                (map[field], _) = (i, used.Add(i));
            }
        }

        foreach (var field in Of(kind).Where(f => !map.ContainsKey(f.Key)))
        {
            var synonyms = field.Synonyms.Select(Normalize).ToList();
            var column = Enumerable.Range(0, normalized.Count).Where(i => !used.Contains(i))
                .OrderBy(i => synonyms.IndexOf(normalized[i]) is var rank and >= 0 ? rank : int.MaxValue)
                .FirstOrDefault(i => synonyms.Contains(normalized[i]), -1);
            if (column >= 0)
            {
                map[field.Key] = column;
                used.Add(column);
            }
        }

        return map;
    }
}
