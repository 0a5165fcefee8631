using LtcHub.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace LtcHub.Infrastructure.Identity;

/// <summary>A person who signs in to LtcHub.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;
    public const int BoardFilterMaxLength = 1000;

    public string DisplayName { get; set; } = "";

    public int? TeamId { get; set; }

    /// <summary>One of <see cref="Languages.All"/>: the language of e-mails and reminders sent to this user.</summary>
    public string PreferredCulture { get; set; } = Languages.Chinese;

    /// <summary>The board filter this user last chose (JSON), restored on their next visit from any device.</summary>
    public string? BoardFilterJson { get; set; }

    /// <summary>The look this user chose, on every device they sign in from.</summary>
    public UiTheme Theme { get; set; } = UiTheme.Light;
}
