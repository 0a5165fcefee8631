using Microsoft.AspNetCore.SignalR.Protocol;

namespace LtcHub.Benchmarks.Circuits;

/// <summary>Blazor Server's hub protocol: SignalR's MessagePack protocol under the name the server asks for.</summary>
internal sealed class BlazorPack : MessagePackHubProtocol, IHubProtocol
{
    public new string Name => "blazorpack";
}
