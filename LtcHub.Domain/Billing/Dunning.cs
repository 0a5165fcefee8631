using LtcHub.Domain.Common;

namespace LtcHub.Domain.Billing;

public enum DunningChannel
{
    Email,
    InApp,
    Task,
}

/// <summary>How overdue invoices are chased: ordered levels, and an amount under which nothing is sent.</summary>
public sealed class DunningPolicy
{
    private readonly List<DunningLevel> _levels = [];

    private DunningPolicy()
    {
    }

    public DunningPolicy(string name, decimal toleranceAmount)
    {
        Name = Text.Required(name, 100, "Field.PolicyName");
        ToleranceAmount = toleranceAmount >= 0 ? toleranceAmount : throw new DomainException("Error.AmountNotPositive");
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsDefault { get; private set; }

    /// <summary>Invoices whose balance is at or under this get nothing.</summary>
    public decimal ToleranceAmount { get; private set; }

    public IReadOnlyList<DunningLevel> Levels => _levels;

    public void MakeDefault() => IsDefault = true;

    public void SetTolerance(decimal amount) => ToleranceAmount = amount >= 0 ? amount : throw new DomainException("Error.AmountNotPositive");

    public DunningLevel AddLevel(int level, int offsetDays, DunningChannel channel, string templateZh, string templateEn, bool automatic)
    {
        if (_levels.Any(l => l.Level == level))
        {
            throw new DomainException("Error.DunningLevelTaken", level);
        }

        var added = new DunningLevel(level, offsetDays, channel, templateZh, templateEn, automatic);
        _levels.Add(added);
        return added;
    }

    /// <summary>
    /// The highest level now due for an invoice that has had up to <paramref name="lastLevel"/>: only
    /// that one is sent (after downtime, one catch-up, not a burst).
    /// </summary>
    public DunningLevel? DueLevel(DateOnly dueDate, DateOnly today, int lastLevel) =>
        _levels.Where(l => l.Automatic && l.Level > lastLevel && dueDate.AddDays(l.OffsetDays) <= today)
            .OrderByDescending(l => l.Level)
            .FirstOrDefault();

    /// <summary>A new policy that starts as a copy of this one's tolerance and levels.</summary>
    public DunningPolicy CopyAs(string name)
    {
        var copy = new DunningPolicy(name, ToleranceAmount);
        foreach (var level in _levels.OrderBy(l => l.Level))
        {
            copy.AddLevel(level.Level, level.OffsetDays, level.Channel, level.TemplateZh, level.TemplateEn, level.Automatic);
        }

        return copy;
    }

    /// <summary>The default: -3 friendly, +1 first notice, +7 second, +15 final, +30 escalate to a Finance task.</summary>
    public static DunningPolicy CreateDefault()
    {
        var policy = new DunningPolicy("Default", 10m);
        policy.MakeDefault();
        policy.AddLevel(1, -3, DunningChannel.Email,
            "尊敬的{customer}：温馨提示，发票 {invoice}（金额 {amount}）将于 {due} 到期。如已付款请忽略本邮件。",
            "Dear {customer}, a friendly reminder that invoice {invoice} for {amount} is due on {due}. If you have already paid, please ignore this message.",
            true);
        policy.AddLevel(2, 1, DunningChannel.Email,
            "尊敬的{customer}：发票 {invoice}（金额 {amount}）已于 {due} 到期，已逾期 {days} 天。请尽快安排付款。",
            "Dear {customer}, invoice {invoice} for {amount} was due on {due} and is now {days} days overdue. Please arrange payment.",
            true);
        policy.AddLevel(3, 7, DunningChannel.Email,
            "尊敬的{customer}：第二次提醒，发票 {invoice}（金额 {amount}）已逾期 {days} 天。请于 7 日内付款。",
            "Dear {customer}, second notice: invoice {invoice} for {amount} is {days} days overdue. Please pay within 7 days.",
            true);
        policy.AddLevel(4, 15, DunningChannel.Email,
            "尊敬的{customer}：最后通知，发票 {invoice}（金额 {amount}）已逾期 {days} 天。如不付款我们将采取进一步措施。",
            "Dear {customer}, final notice: invoice {invoice} for {amount} is {days} days overdue. Without payment we will take further steps.",
            true);
        policy.AddLevel(5, 30, DunningChannel.Task,
            "发票 {invoice}（{customer}，{amount}）已逾期 {days} 天：请财务跟进催收。",
            "Invoice {invoice} ({customer}, {amount}) is {days} days overdue: Finance to follow up.",
            true);
        return policy;
    }
}

public sealed class DunningLevel
{
    public const int TemplateMaxLength = 2000;

    private DunningLevel()
    {
    }

    internal DunningLevel(int level, int offsetDays, DunningChannel channel, string templateZh, string templateEn, bool automatic)
    {
        Level = level is >= 1 and <= 20 ? level : throw new DomainException("Error.DunningLevelRange");
        OffsetDays = offsetDays is >= -60 and <= 365 ? offsetDays : throw new DomainException("Error.DunningOffsetRange");
        Channel = channel;
        TemplateZh = Text.Required(templateZh, TemplateMaxLength, "Field.TemplateZh");
        TemplateEn = Text.Required(templateEn, TemplateMaxLength, "Field.TemplateEn");
        Automatic = automatic;
    }

    public int Id { get; private set; }

    public int PolicyId { get; private set; }

    public int Level { get; private set; }

    /// <summary>Days from the due date (negative: before it).</summary>
    public int OffsetDays { get; private set; }

    public DunningChannel Channel { get; private set; }

    public string TemplateZh { get; private set; } = "";

    public string TemplateEn { get; private set; } = "";

    public bool Automatic { get; private set; }

    public string Template(string culture) => culture == Languages.English ? TemplateEn : TemplateZh;

    public void Update(int offsetDays, DunningChannel channel, string templateZh, string templateEn, bool automatic)
    {
        var check = new DunningLevel(Level, offsetDays, channel, templateZh, templateEn, automatic);
        (OffsetDays, Channel, TemplateZh, TemplateEn, Automatic) = (check.OffsetDays, check.Channel, check.TemplateZh, check.TemplateEn, check.Automatic);
    }
}

/// <summary>
/// One dunning notice of one level for one invoice — ever: (InvoiceId, Level) is unique. Claimed and
/// committed before anything is sent; <see cref="SentAtUtc"/> is set once the letter has left.
/// </summary>
public sealed class DunningNotice
{
    private DunningNotice()
    {
    }

    public DunningNotice(int invoiceId, int level, DunningChannel channel, int daysOverdue, decimal balance, DateTime nowUtc)
    {
        InvoiceId = invoiceId;
        Level = level;
        Channel = channel;
        DaysOverdue = daysOverdue;
        Balance = balance;
        ClaimedAtUtc = nowUtc;
    }

    public long Id { get; private set; }

    public int InvoiceId { get; private set; }

    public int Level { get; private set; }

    public DunningChannel Channel { get; private set; }

    public int DaysOverdue { get; private set; }

    public decimal Balance { get; private set; }

    public DateTime ClaimedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>Set when the invoice was paid between the claim and the send: nothing went out.</summary>
    public DateTime? CancelledAtUtc { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The letter's Message-ID: the same for a resend after a crash, so it is the same letter.</summary>
    public static string MessageIdFor(int invoiceId, int level) => $"dunning-{invoiceId}-{level}@ltchub.local";

    public void MarkSent(DateTime nowUtc) => SentAtUtc ??= nowUtc;

    public void Cancel(DateTime nowUtc) => CancelledAtUtc ??= nowUtc;

    public void Failed(string error)
    {
        Attempts++;
        LastError = Common.Text.Truncate(error, 500);
    }
}
