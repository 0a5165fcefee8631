using System.Globalization;

namespace LtcHub.Infrastructure.Notifications;

/// <summary>
/// What alerts, reminders and e-mails say, in both languages. They are written when created, in the
/// language of the person (or customer) they go to — not the language of whoever caused them.
/// </summary>
public static class Texts
{
    private static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string, string)>
    {
        ["reminder.next-step"] = ("商机“{0}”的下一步今天到期：{1}", "Next step for “{0}” is due: {1}"),
        ["reminder.action"] = ("行动项 {1} 到期：{0}", "Action item due {1}: {0}"),
        ["reminder.meeting"] = ("会议“{0}”将在 15 分钟后开始", "“{0}” starts in 15 minutes"),
        ["reminder.stale"] = ("商机“{0}”在“{1}”阶段已停滞", "“{0}” has gone stale in {1}"),
        ["reminder.close-date"] = ("商机“{0}”的预计成交日（{1}）已过", "The expected close date of “{0}” ({1}) has passed"),
        ["dunning.alert"] = ("客户 {1} 的发票 {0} 已逾期 {2} 天（催收第 {3} 级）", "Invoice {0} of {1} is {2} days overdue (dunning level {3})"),
        ["dunning.subject"] = ("付款提醒：发票 {0}", "Payment reminder: invoice {0}"),
        ["deal.moved"] = ("{0} 将你的商机“{1}”移到了“{2}”", "{0} moved your deal “{1}” to {2}"),
        ["deal.handed"] = ("{0} 接收了商机“{1}”，已进入交接", "{0} accepted “{1}” into hand-off"),
        ["deal.pushed-back"] = ("{0} 退回了商机“{1}”：{2}", "{0} pushed back “{1}”: {2}"),
        ["deal.paid"] = ("商机“{0}”已全部回款，已移到“已回款”", "“{0}” is fully paid and moved to Paid"),
        ["reminder.subject"] = ("LtcHub 提醒：{0}", "LtcHub reminder: {0}"),
        ["quote.approval-requested"] = ("{0} 请求审批报价 {1}（商机“{2}”，最高折扣 {3}%）", "{0} asks you to approve quote {1} for “{2}” (discount up to {3}%)"),
        ["quote.approved"] = ("{0} 批准了报价 {1}。{2}", "{0} approved quote {1}. {2}"),
        ["quote.refused"] = ("{0} 未批准报价 {1}：{2}", "{0} did not approve quote {1}: {2}"),
        ["quote.expired"] = ("报价 {0}（商机“{1}”）已过有效期", "Quote {0} for “{1}” has expired"),
        ["quote.mail-subject"] = ("报价单 {0}：{1}", "Quotation {0}: {1}"),
        ["quote.mail-body"] = ("尊敬的{0}：\n\n附件为报价单 {1}，价税合计 {2}，有效期至 {3}。如有任何问题，请随时与我们联系。\n\n{4}",
            "Dear {0},\n\nPlease find attached quotation {1}, total {2} including VAT, valid until {3}. Do not hesitate to contact us with any questions.\n\nBest regards,\n{4}"),
        ["reminder.plan-line"] = ("合同 {0} 第 {1} 期回款 {2} 将于 {3} 到期（商机“{4}”）", "Instalment {1} of contract {0} ({2}) is due on {3} (“{4}”)"),
        ["reminder.plan-line-uninvoiced"] = ("合同 {0} 第 {1} 期（{2}）已到期但尚未开票（商机“{3}”）", "Instalment {1} of contract {0} ({2}) is due but not invoiced yet (“{3}”)"),
    };

    public static string Format(string key, string culture, params object?[] args)
    {
        var (zh, en) = All[key];
        var english = culture == "en-US";
        return string.Format(CultureInfo.GetCultureInfo(english ? "en-US" : "zh-CN"), english ? en : zh, args);
    }

    /// <summary>A dunning template with its placeholders filled: {customer} {invoice} {amount} {due} {days}.</summary>
    public static string Fill(string template, string customer, string invoice, string amount, string due, int days) =>
        template.Replace("{customer}", customer, StringComparison.Ordinal)
            .Replace("{invoice}", invoice, StringComparison.Ordinal)
            .Replace("{amount}", amount, StringComparison.Ordinal)
            .Replace("{due}", due, StringComparison.Ordinal)
            .Replace("{days}", days.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static string Money(decimal amount, string currency, string culture) =>
        string.Create(CultureInfo.GetCultureInfo(culture), $"{currency} {amount:N2}");
}
