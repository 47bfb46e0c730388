using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SystemLeadership.Bench;

/// <summary>
/// A Blazor Server circuit opened the way blazor.web.js opens one, without a browser: for bench/load.sh, where a
/// headless Chromium tab per simulated person cost the 2-core machine more than the app did. Given the prerendered page
/// the person loaded, and their cookies (so the proxy keeps the circuit on the node that served it), it finds the page's interactive-server
/// markers and the state the prerender persisted, connects to <c>/_blazor</c> over a WebSocket speaking SignalR's
/// "blazorpack" (MessagePack) protocol, starts a circuit and adds the page's root components, exactly as the browser's
/// script does. Then it plays the browser's part without drawing anything: every render batch is acknowledged, and every
/// JavaScript call the server makes is answered "done, no value" (what the app's own scripts answer to MudBlazor's
/// set-up calls). It counts as open once the circuit has drawn the layout's <c>#interactive</c> marker, as the browser
/// tests wait for. What it leaves out: no DOM, so no events are sent; the circuit is idle, as a person reading a page is.
/// </summary>
internal sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly TaskCompletionSource drawn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTime> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int batches;
    private int calls;

    private CircuitClient(HubConnection connection) => this.connection = connection;

    /// <summary>Render batches the circuit has sent (each acknowledged).</summary>
    public int Batches => Volatile.Read(ref batches);

    /// <summary>JavaScript calls the circuit made (each answered).</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>The error the server reported when it ended the circuit, if it did.</summary>
    public string? ServerError { get; private set; }

    /// <summary>Whether the circuit is still up: its connection open (a killed node closes it) and no error reported.</summary>
    public bool Connected => connection.State == HubConnectionState.Connected && ServerError is null;

    /// <summary>Completes, with the time, when the circuit's connection closes after it had drawn the page.</summary>
    public Task<DateTime> Lost => lost.Task;

    /// <summary>
    /// Opens the circuit of <paramref name="path"/>, whose prerendered page is <paramref name="html"/> (as the browser
    /// does once the page has loaded), as the person whose cookies are in <paramref name="cookies"/>, and waits until it
    /// has drawn the page.
    /// </summary>
    public static async Task<CircuitClient> OpenAsync(string html, CookieContainer cookies, Uri baseUrl, string path, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var markers = ServerMarkers(html);
        if (markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive server component to open a circuit for.");
        var state = PersistedState().Match(html) is { Success: true } found ? found.Groups[1].Value : "";

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/_blazor"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .AddBlazorPack()
            .Build();
        var client = new CircuitClient(connection);
        connection.On<long, byte[]>("JS.RenderBatch", async (batchId, batch) =>
        {
            Interlocked.Increment(ref client.batches);
            // The layout draws its #interactive marker only once the circuit renders the page (MainLayout.razor).
            if (batch.AsSpan().IndexOf("interactive"u8) >= 0) client.drawn.TrySetResult();
            await connection.SendAsync("OnRenderCompleted", batchId, null);
        });
        // Six arguments in ASP.NET Core 10 (handle, identifier, arguments, result type, target instance, call type): a
        // handler of another count is skipped without a word by the SignalR client, and the call then waits on the
        // server until the interop timeout.
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", (handle, _, _, _, _, _) =>
        {
            Interlocked.Increment(ref client.calls);
            return connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
        });
        connection.On<string>("JS.Error", error =>
        {
            // The server ended the circuit for an error: before the page was drawn it never opened; after, it is lost
            // (the browser shows its error bar), whatever the connection does next.
            client.ServerError = error;
            client.drawn.TrySetException(new InvalidOperationException($"The circuit reported an error: {error}"));
            client.lost.TrySetResult(DateTime.UtcNow);
            // Not awaited here: stopping waits for the message loop, which is running this handler.
            _ = Task.Run(() => connection.StopAsync());
            return Task.CompletedTask;
        });
        connection.Closed += error =>
        {
            if (client.drawn.Task.IsCompletedSuccessfully) client.lost.TrySetResult(DateTime.UtcNow);
            else client.drawn.TrySetException(error ?? new InvalidOperationException("The circuit's connection closed."));
            return Task.CompletedTask;
        };

        try
        {
            await connection.StartAsync(cancel.Token);
            var uri = new Uri(baseUrl, path).ToString();
            var secret = await connection.InvokeAsync<string?>("StartCircuit", baseUrl.ToString(), uri, "[]", "", cancel.Token);
            if (string.IsNullOrEmpty(secret)) throw new InvalidOperationException("The server refused to start a circuit.");
            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray(markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add",
                    ["ssrComponentId"] = i + 1,
                    ["marker"] = marker,
                }).ToArray()),
            };
            await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, cancel.Token);
            await client.drawn.Task.WaitAsync(cancel.Token);
            return client;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    /// <summary>Whether a page as served starts a circuit once loaded (a static page carries no server component).</summary>
    public static bool StartsCircuit(string html) => ServerMarkers(html).Count > 0;

    private static List<JsonObject> ServerMarkers(string html) => Markers().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
        .Where(m => m["descriptor"] is not null && (string?)m["type"] is "server" or "auto").ToList();

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->")]
    private static partial Regex PersistedState();
}

/// <summary>SignalR's MessagePack protocol under the name Blazor's hub accepts ("blazorpack": the same wire format).</summary>
internal static class BlazorPackProtocol
{
    public static IHubConnectionBuilder AddBlazorPack(this IHubConnectionBuilder builder)
    {
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new Named(new MessagePackHubProtocol()));
        return builder;
    }

    private sealed class Named(IHubProtocol inner) : IHubProtocol
    {
        public string Name => "blazorpack";
        public int Version => 2;
        public TransferFormat TransferFormat => TransferFormat.Binary;
        public bool IsVersionSupported(int version) => version <= Version;
        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
            => inner.TryParseMessage(ref input, binder, out message);
        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);
        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
    }
}
