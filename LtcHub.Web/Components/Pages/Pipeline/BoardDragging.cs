using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LtcHub.Web.Components.Pages.Pipeline;

/// <summary>What the keyboard carry says to a screen reader ({0} the deal, {1} the stage).</summary>
public sealed record KeyboardTexts(string Picked, string Over, string Dropped, string Cancelled);

/// <summary>
/// The browser's drag and drop on one board, wired once on its container by PipelineBoard.razor.js (no
/// handlers per card), by mouse or by keyboard (Space picks a focused card up, the arrow keys carry it across the
/// columns, Space or Enter drops it, Escape puts it back). The script reports the card picked up and the column it
/// was dropped on (or none); either way the drop goes through the board's one move path.
/// </summary>
public sealed class BoardDragging(IJSRuntime js, Func<int, Task> picked, Func<int, string?, Task> dropped) : IDisposable
{
    private DotNetObjectReference<BoardDragging>? _self;
    private IJSObjectReference? _listeners;

    public bool Attached => _listeners is not null;

    public async Task AttachAsync(ElementReference board, KeyboardTexts texts)
    {
        _self ??= DotNetObjectReference.Create(this);
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Pipeline/PipelineBoard.razor.js");
        _listeners = await module.InvokeAsync<IJSObjectReference>("attach", board, _self, texts);
    }

    /// <summary>Gives the keyboard focus back to a card (its drawer closed).</summary>
    public async Task FocusAsync(int dealId)
    {
        if (_listeners is { } listeners)
        {
            await listeners.InvokeVoidAsync("focus", dealId);
        }
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
