namespace LtcHub.Web;

/// <summary>
/// Which environment the app runs as. <c>dotnet run</c> applies the launch profile's variables over the
/// shell's, so a profile that set <c>ASPNETCORE_ENVIRONMENT</c> would turn
/// <c>ASPNETCORE_ENVIRONMENT=Production dotnet run</c> into Development. The profile therefore only
/// names a default (<c>LTCHUB_DEFAULT_ENVIRONMENT</c>), used when nobody chose an environment: a plain
/// <c>dotnet run</c> is Development, anything set by the user wins, and a published app (no profile)
/// is Production.
/// </summary>
public static class HostEnvironment
{
    public const string DefaultVariable = "LTCHUB_DEFAULT_ENVIRONMENT";

    public static void ApplyDefault()
    {
        if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null
            && Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is null
            && Environment.GetEnvironmentVariable(DefaultVariable) is { Length: > 0 } fallback)
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", fallback);
        }
    }
}
