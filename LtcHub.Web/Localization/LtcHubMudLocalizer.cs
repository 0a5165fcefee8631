using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LtcHub.Web.Localization;

/// <summary>
/// MudBlazor's own texts (a value that is not a number, the clear button, …) in the user's language:
/// looked up as <c>Mud.&lt;key&gt;</c> in LtcHub's resources, MudBlazor's English otherwise.
/// </summary>
internal sealed class LtcHubMudLocalizer(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = texts["Mud." + key];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
        }
    }
}
