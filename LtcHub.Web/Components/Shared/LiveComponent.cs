using LtcHub.Infrastructure.Pipeline;
using Microsoft.AspNetCore.Components;

namespace LtcHub.Web.Components.Shared;

/// <summary>
/// A component that follows the live bus: <see cref="Listen{TEvent}"/> subscribes (on a live circuit
/// only, never while prerendering), hands each matching event to the component on its own renderer,
/// re-renders it once, routes any failure to <see cref="ComponentBase.DispatchExceptionAsync"/> (the
/// circuit's error UI, not a silent log line), and unsubscribes when the component goes.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    [Inject]
    private IBoardEvents Bus { get; set; } = null!;

    protected bool IsLive => RendererInfo.IsInteractive;

    /// <param name="when">Which events this component shows; the others are ignored without touching the renderer.</param>
    /// <param name="apply">Applies the event to the component's state (it re-renders afterwards unless <paramref name="render"/> is false).</param>
    protected void Listen<TEvent>(Func<TEvent, bool> when, Func<TEvent, Task> apply, bool render = true) where TEvent : BoardEvent
    {
        if (!IsLive)
        {
            return;
        }

        _subscriptions.Add(Bus.Subscribe(e => e is TEvent typed && when(typed)
            ? InvokeAsync(async () =>
            {
                try
                {
                    await apply(typed);
                    if (render)
                    {
                        StateHasChanged();
                    }
                }
                catch (Exception failure)
                {
                    await DispatchExceptionAsync(failure);
                }
            })
            : Task.CompletedTask));
    }

    protected void Listen<TEvent>(Func<TEvent, bool> when, Action<TEvent> apply, bool render = true) where TEvent : BoardEvent =>
        Listen(when, e =>
        {
            apply(e);
            return Task.CompletedTask;
        }, render);

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        OnDisposed();
        GC.SuppressFinalize(this);
    }

    /// <summary>What else the component releases when it goes (presence, timers).</summary>
    protected virtual void OnDisposed()
    {
    }
}
