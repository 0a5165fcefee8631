namespace LtcHub.Domain.Common;

/// <summary>The two languages LtcHub speaks: the UI, e-mails, reminders, letters, quotes and minutes.</summary>
public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public const string Default = Chinese;

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static bool IsEnglish(string? culture) => culture == English;

    /// <summary>A stored or typed culture as one of the two (anything else is the default).</summary>
    public static string Of(string? culture) => culture == English ? English : Chinese;
}
