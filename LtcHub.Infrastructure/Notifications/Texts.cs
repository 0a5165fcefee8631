using LtcHub.Domain.Common;
using System.Globalization;
using System.Resources;

namespace LtcHub.Infrastructure.Notifications;

/// <summary>
/// What alerts, reminders, e-mails, minutes and PDFs say, in both languages (resx, like the UI). They are
/// written when created, in the language of the person (or customer) they go to — not the language of
/// whoever caused them.
/// </summary>
public static class Texts
{
    private static readonly ResourceManager Resources = new("LtcHub.Infrastructure.Resources.ServerText", typeof(Texts).Assembly);

    /// <summary>A text in one of the two languages, read from <c>Resources/ServerText[.zh-CN].resx</c> with an explicit culture.</summary>
    public static string Get(string key, string culture) =>
        Resources.GetString(key, CultureOf(culture)) ?? throw new KeyNotFoundException($"No server text '{key}'");

    public static string Format(string key, string culture, params object?[] args) =>
        string.Format(CultureOf(culture), Get(key, culture), args);

    public static CultureInfo CultureOf(string culture) => CultureInfo.GetCultureInfo(Languages.Of(culture));

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
