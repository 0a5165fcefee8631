namespace LtcHub.Infrastructure.Identity;

/// <summary>How the app looks for one person (chosen in the app bar, kept in their user row).</summary>
public enum UiTheme
{
    Light,
    Dark,
    HighContrast,
}
