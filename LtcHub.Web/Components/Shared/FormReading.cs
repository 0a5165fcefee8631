using MudBlazor;

namespace LtcHub.Web.Components.Shared;

/// <summary>
/// A MudBlazor input that cannot read what was typed ("abc" in an amount, "31/31" in a date) hands its
/// owner <c>null</c> and marks itself with a conversion error. Saving then would erase the value: every
/// form asks its <see cref="MudForm"/> first and refuses to save while any input holds text it could not read.
/// </summary>
public static class FormReading
{
    public const string UnreadableKey = "Error.Unreadable";

    public static async Task<bool> ReadableAsync(this MudForm? form)
    {
        if (form is null)
        {
            return true;
        }

        await form.ValidateAsync();
        return form.IsValid;
    }
}
