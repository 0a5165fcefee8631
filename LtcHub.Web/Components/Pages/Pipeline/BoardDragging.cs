using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>
/// The browser's drag and drop on one board, wired once on its container by PipelineBoard.razor.js (no
/// handlers per card). The script reports the card picked up and the column it was dropped on (or none).
/// </summary>
public sealed class BoardDragging(IJSRuntime js, Func<int, Task> picked, Func<int, string?, Task> dropped) : IDisposable
{
    private DotNetObjectReference<BoardDragging>? _self;
    private IJSObjectReference? _listeners;

    public bool Attached => _listeners is not null;

    public async Task AttachAsync(ElementReference board)
    {
        _self ??= DotNetObjectReference.Create(this);
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Pipeline/PipelineBoard.razor.js");
        _listeners = await module.InvokeAsync<IJSObjectReference>("attach", board, _self);
    }

    [JSInvokable]
    public Task PickAsync(int dealId) => picked(dealId);

    /// <summary>A card dropped on a column, or the drag given up (no stage).</summary>
    [JSInvokable]
    public Task DropAsync(int dealId, string? stageKey) => dropped(dealId, stageKey);

    public void Dispose()
    {
        if (_listeners is { } listeners)
        {
            _ = DetachAsync(listeners);
        }

        _self?.Dispose();
    }

    private static async Task DetachAsync(IJSObjectReference listeners)
    {
        try
        {
            await listeners.InvokeVoidAsync("detach");
            await listeners.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page went, and its listeners with it.
        }
    }
}
