using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace SystemLeadership.Web.Components.Shared;

/// <summary>
/// What an interactive page read while it was prerendered, carried in the page (protected, as Blazor protects all such
/// state) to the circuit that starts from it, so the circuit shows the same without reading it again. A page reads
/// through <see cref="ReadOnceAsync{TView}"/>, which takes what its prerender kept (<see cref="Take{T}"/>) or reads and
/// keeps it (<see cref="Keep{T}"/>).
/// The page still decides who may see it on every start: only the reading is saved, never the check.
/// </summary>
/// <remarks>
/// Domain entities travel as their properties, private setters included (<see cref="Json"/>): they are read-only
/// snapshots here, never attached to a context. Blazor's own <c>[PersistentState]</c> would need public setters.
/// </remarks>
public sealed class Prerendered(PersistentComponentState state) : IDisposable
{
    private readonly List<PersistingComponentStateSubscription> _kept = [];

    /// <summary>The value kept under <paramref name="key"/> by this page's prerender, once; default when there is none.</summary>
    public T? Take<T>(string key) where T : class =>
        state.TryTakeFromJson<string>(key, out var json) && json is not null ? JsonSerializer.Deserialize<T>(json, Json) : null;

    /// <summary>
    /// The most a page carries, in characters of JSON. The browser sends the page's state back in the message that starts
    /// the circuit, which the hub caps (<see cref="Security.InputBounds.MaxCircuitMessageBytes"/>, 64 KB), and on the
    /// way it is escaped as a string and base64-encoded twice (about three times as long): a larger read is not carried,
    /// and the circuit reads it again, rather than the page never going live.
    /// </summary>
    public const int MaxKeptChars = 12_000;

    /// <summary>
    /// Writes <paramref name="value"/> into the page when it is prerendered for a circuit (nothing otherwise), unless it
    /// is over <see cref="MaxKeptChars"/>.
    /// </summary>
    public void Keep<T>(string key, T value) where T : class =>
        _kept.Add(state.RegisterOnPersisting(() =>
        {
            var json = JsonSerializer.Serialize(value, Json);
            if (json.Length <= MaxKeptChars) state.PersistAsJson(key, json);
            return Task.CompletedTask;
        }, RenderMode.InteractiveServer));

    /// <summary>
    /// What a page shows, read once for its prerender and its circuit's start together: the read its prerender kept under
    /// <paramref name="key"/>, decided again for this person by <paramref name="decide"/> (null: read again); otherwise
    /// <paramref name="read"/>, which a prerender (<paramref name="prerendering"/>) keeps for its circuit as
    /// <paramref name="keep"/> makes it. Null when the read finds nothing this person may see.
    /// </summary>
    public async Task<TView?> ReadOnceAsync<TKept, TView>(string key, Func<TKept, TView?> decide, Func<Task<TView?>> read,
        Func<TView, TKept> keep, bool prerendering) where TKept : class where TView : class
    {
        var kept = Take<TKept>(key);
        var found = (kept is null ? null : decide(kept)) ?? await read();
        if (found is not null && kept is null && prerendering) Keep(key, keep(found));
        return found;
    }

    /// <summary><see cref="ReadOnceAsync{TKept, TView}"/> for a page that keeps its view as it is.</summary>
    public Task<TView?> ReadOnceAsync<TView>(string key, Func<TView, TView?> decide, Func<Task<TView?>> read, bool prerendering)
        where TView : class => ReadOnceAsync(key, decide, read, view => view, prerendering);

    public void Dispose()
    {
        foreach (var subscription in _kept) subscription.Dispose();
        _kept.Clear();
    }

    /// <summary>System.Text.Json, able to make the domain's entities again: their private constructor and private setters.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SettablePrivately } },
    };

    private static void SettablePrivately(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(Domain.Tenancy.Tenant).Assembly) return;
        if (info.CreateObject is null
            && info.Type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is { } constructor)
            info.CreateObject = () => constructor.Invoke(null);
        foreach (var property in info.Properties)
        {
            if (property.Set is not null || property.AttributeProvider is not PropertyInfo { SetMethod: { } setter }) continue;
            property.Set = (target, value) => setter.Invoke(target, [value]);
        }
    }
}
