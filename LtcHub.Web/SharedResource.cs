namespace LtcHub.Web;

/// <summary>Marker for the one resource file pair (Resources/SharedResource[.zh-CN].resx).</summary>
public sealed class SharedResource;
