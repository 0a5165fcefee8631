using LtcHub.Infrastructure.Events;
using Microsoft.AspNetCore.Components;

namespace LtcHub.Web.Components.Shared;

/// <summary>
/// A component that follows something live (the bus, the shared board): <see cref="Listen{TEvent}(Func{TEvent, bool}, Func{TEvent, Task}, bool)"/>
/// subscribes on a live circuit only (never while prerendering), hands each matching item to the component on
/// its own renderer, re-renders it once, routes any failure to <see cref="ComponentBase.DispatchExceptionAsync"/>
/// (the circuit's error UI, not a silent log line), and unsubscribes when the component goes.
/// </summary>
public abstract class LiveComponent : StableComponent, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>The bus (for <see cref="Follow{T}"/> when a handler decides itself whether to render).</summary>
    [Inject]
    protected IBoardEvents Bus { get; set; } = null!;

    protected bool IsLive => RendererInfo.IsInteractive;

    /// <param name="when">Which events this component shows; the others are ignored without touching the renderer.</param>
    /// <param name="apply">Applies the event to the component's state (it re-renders afterwards unless <paramref name="render"/> is false).</param>
    protected void Listen<TEvent>(Func<TEvent, bool> when, Func<TEvent, Task> apply, bool render = true) where TEvent : BoardEvent =>
        Follow<BoardEvent>(Bus.Subscribe, e => e is TEvent typed && when(typed), async e =>
        {
            await apply((TEvent)e);
            return render;
        });

    protected void Listen<TEvent>(Func<TEvent, bool> when, Action<TEvent> apply, bool render = true) where TEvent : BoardEvent =>
        Listen(when, e =>
        {
            apply(e);
            return Task.CompletedTask;
        }, render);

    /// <summary>Follows any live source.</summary>
    /// <param name="subscribe">The source's subscribe method (its result is disposed with the component).</param>
    /// <param name="apply">Applies the item; returns whether the component looks different (renders) afterwards.</param>
    protected void Follow<T>(Func<Func<T, Task>, IDisposable> subscribe, Func<T, bool> when, Func<T, Task<bool>> apply)
    {
        if (!IsLive)
        {
            return;
        }

        _subscriptions.Add(subscribe(item => when(item)
            ? InvokeAsync(async () =>
            {
                try
                {
                    if (await apply(item))
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
