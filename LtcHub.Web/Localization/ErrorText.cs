using LtcHub.Domain.Common;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Identity;
using Microsoft.Extensions.Localization;

namespace LtcHub.Web.Localization;

/// <summary>Turns a domain refusal into a sentence in the user's language.</summary>
public static class ErrorText
{
    public static string Describe(this IStringLocalizer localizer, Exception exception) => exception switch
    {
        StageEntryRefusedException refused => localizer[refused.Code, StageName(localizer, refused.StageKey),
            string.Join(localizer["List.Separator"], refused.Missing.Split().Select(r => localizer["Requirement." + r].Value))],
        DomainException domain when domain.Code.StartsWith("Identity.", StringComparison.Ordinal) => Identity(localizer, domain),
        DomainException domain => localizer[domain.Code, [.. domain.Args.Select(a => Argument(localizer, a))]],
        _ => localizer["Error.Unexpected"],
    };

    private static string Identity(IStringLocalizer localizer, DomainException error)
    {
        var text = localizer[error.Code, IdentityRules.PasswordMinLength];
        return text.ResourceNotFound ? localizer["Identity.Other", error.Args.FirstOrDefault() ?? ""] : text;
    }

    /// <summary>An argument naming a field or label ("Field.Amount", "Meetings.Date") is shown in the user's language.</summary>
    private static object Argument(IStringLocalizer localizer, object argument) =>
        argument is string key && key.Contains('.', StringComparison.Ordinal) && !key.Contains(' ', StringComparison.Ordinal)
            && localizer[key] is { ResourceNotFound: false } text
            ? text.Value
            : argument;

    private static string StageName(IStringLocalizer localizer, string key)
    {
        var text = localizer["Stage." + key];
        return text.ResourceNotFound ? key : text;
    }
}
