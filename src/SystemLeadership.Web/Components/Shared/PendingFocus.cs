using Microsoft.JSInterop;

namespace SystemLeadership.Web.Components.Shared;

/// <summary>
/// An element to focus once the next render has drawn it: where a control the person pressed is replaced (by
/// "Shortlisted", by the entries it loaded), so the keyboard carries on from there, not from the top of the page.
/// The element needs an id and, if it is not a control, <c>tabindex="-1"</c>.
/// </summary>
public sealed class PendingFocus
{
    private string? _id;

    public void Set(string id) => _id = id;

    /// <summary>Call from OnAfterRenderAsync.</summary>
    public async Task ApplyAsync(IJSRuntime js)
    {
        if (_id is not { } id) return;
        _id = null;
        await js.InvokeVoidAsync("appNav.focus", id);
    }
}
