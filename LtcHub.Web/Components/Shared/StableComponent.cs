using Microsoft.AspNetCore.Components;

namespace LtcHub.Web.Components.Shared;

/// <summary>
/// A component that skips a parent's re-render when what it shows is unchanged. Blazor hands every child
/// its parameters again whenever the parent renders; on a board of hundreds of cards, watched by hundreds of
/// people, that is the cost. A component names what it shows in <see cref="ParameterKey"/> (values, or
/// references to immutable data; never callbacks): when a parent passes the same again, nothing runs.
/// Its own events (a click inside it) render it as usual.
/// </summary>
public abstract class StableComponent : ComponentBase
{
    private object? _key;
    private bool _hasKey;

    /// <summary>Everything the markup depends on from the parameters; null means "always render".</summary>
    protected virtual object? ParameterKey => null;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        var key = ParameterKey;
        if (_hasKey && key is not null && Equals(key, _key))
        {
            return Task.CompletedTask;
        }

        _key = key;
        _hasKey = true;
        return base.SetParametersAsync(ParameterView.Empty);
    }
}
