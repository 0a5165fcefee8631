using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LtcHub.Web.Identity;

/// <summary>
/// Ties a page's presence (its avatar on the board or in a meeting room) to its browser connection: when
/// the connection drops (a closed lid, a lost network, a killed browser) the avatar leaves within
/// seconds instead of lingering for the circuit's minutes of retention, and it comes back on reconnect.
/// One per circuit.
/// </summary>
public sealed class CircuitPresence : CircuitHandler
{
    private readonly List<Link> _links = [];

    /// <summary>Registers a page's presence; dispose the result when the page leaves.</summary>
    public IDisposable Track(Func<Task> suspend, Func<Task> resume)
    {
        var link = new Link(suspend, resume, this);
        lock (_links)
        {
            _links.Add(link);
        }

        return link;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) =>
        Task.WhenAll(Snapshot().Select(l => l.Suspend()));

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        Task.WhenAll(Snapshot().Select(l => l.Resume()));

    private Link[] Snapshot()
    {
        lock (_links)
        {
            return [.. _links];
        }
    }

    private sealed record Link(Func<Task> Suspend, Func<Task> Resume, CircuitPresence Owner) : IDisposable
    {
        public void Dispose()
        {
            lock (Owner._links)
            {
                Owner._links.Remove(this);
            }
        }
    }
}
