using MudBlazor;

namespace LtcHub.Web.Components.Layout;

/// <summary>LtcHub's colours and type: system fonts only (the app must work with no internet).</summary>
public static class LtcHubTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#0f766e",
            AppbarBackground = "#0f172a",
            Background = "#f5f7fb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
            },
        },
    };
}
