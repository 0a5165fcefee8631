using LtcHub.Infrastructure.Identity;
using MudBlazor;

namespace LtcHub.Web.Components.Layout;

/// <summary>
/// LtcHub's colours and type: system fonts only (the app must work with no internet). Components take every
/// colour from these palettes (var(--mud-palette-…) in their CSS), so a person's theme is one switch.
/// </summary>
public static class LtcHubTheme
{
    private static readonly Typography Type = new()
    {
        Default = new DefaultTypography
        {
            FontFamily = ["system-ui", "-apple-system", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
        },
    };

    /// <summary>The light theme and, for <see cref="UiTheme.Dark"/>, its dark palette.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#0f766e",
            Tertiary = "#7c3aed",
            // MudBlazor's default status colours and secondary text miss WCAG AA (4.5:1) on this background.
            Error = "#c62828",
            Warning = "#b45309",
            Success = "#2e7d32",
            Info = "#1565c0",
            TextSecondary = "#5f6368",
            AppbarBackground = "#0f172a",
            Background = "#f5f7fb",
            BackgroundGray = "#eef2f7",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#60a5fa",
            Secondary = "#2dd4bf",
            Tertiary = "#c4b5fd",
            // Light colours on a dark ground: the text on them is dark, as WCAG AA (4.5:1) needs.
            PrimaryContrastText = "#0f172a",
            SecondaryContrastText = "#0f172a",
            TertiaryContrastText = "#0f172a",
            Error = "#f87171",
            ErrorContrastText = "#0f172a",
            Warning = "#fbbf24",
            WarningContrastText = "#0f172a",
            Success = "#34d399",
            SuccessContrastText = "#0f172a",
            Info = "#7dd3fc",
            InfoContrastText = "#0f172a",
            // Badges write status text in the "darker" shade on a tint of the colour; on a dark ground that shade must be lighter.
            ErrorDarken = "#fca5a5",
            WarningDarken = "#fcd34d",
            SuccessDarken = "#6ee7b7",
            AppbarBackground = "#020617",
            Background = "#0f172a",
            BackgroundGray = "#111c30",
            Surface = "#1e293b",
            DrawerBackground = "#111827",
            TextPrimary = "#e2e8f0",
            TextSecondary = "#94a3b8",
            LinesDefault = "#334155",
            Divider = "#334155",
            // MudBlazor's dark stripes (20 % white) leave the primary-coloured drill-down links at 3:1; keep the rows faint.
            TableStriped = "rgba(255,255,255,0.035)",
            TableHover = "rgba(255,255,255,0.06)",
        },
        Typography = Type,
    };

    /// <summary>Black on white, strong colours, every line drawn: for a bright room, a projector, or weaker eyes.</summary>
    public static MudTheme HighContrast { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0030b8",
            Secondary = "#00574b",
            Tertiary = "#5b00b3",
            Error = "#a00000",
            Warning = "#7a4100",
            Success = "#005a17",
            Info = "#003f8a",
            TextPrimary = "#000000",
            TextSecondary = "#1f1f1f",
            ActionDefault = "#000000",
            AppbarBackground = "#000000",
            AppbarText = "#ffffff",
            Background = "#ffffff",
            BackgroundGray = "#e8e8e8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#000000",
            LinesDefault = "#000000",
            LinesInputs = "#000000",
            Divider = "#000000",
        },
        Typography = Type,
    };

    public static MudTheme For(UiTheme theme) => theme == UiTheme.HighContrast ? HighContrast : Theme;
}
