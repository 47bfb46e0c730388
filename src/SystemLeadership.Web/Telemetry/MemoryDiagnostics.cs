using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Telemetry;

/// <summary>
/// For bench/circuits.sh: the live managed heap after a full, compacting collection, the process's working set, and the
/// circuits open on this node, at <c>/diagnostics/memory</c>. Off unless <c>Diagnostics:MemoryEndpoint</c> is true, and
/// then only for a process on this machine talking to it directly (a full collection pauses the app: never for anyone
/// else). Everyone else, and everyone when it is off, is answered "not found".
/// </summary>
public static class MemoryDiagnostics
{
    public const string Path = "/diagnostics/memory";

    private static bool On(IConfiguration configuration) => configuration.GetValue("Diagnostics:MemoryEndpoint", false);

    /// <summary>Counts the circuits this node holds, only while the diagnostics are on: no handler runs on every circuit for them otherwise.</summary>
    public static void Add(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!On(builder.Configuration)) return;
        builder.Services.AddSingleton<OpenCircuits>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(services => services.GetRequiredService<OpenCircuits>());
    }

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!On(app.Configuration)) return;
        app.MapGet(Path, (HttpContext request, OpenCircuits circuits) =>
        {
            if (!LocalRequest.IsDirect(request)) return Results.NotFound();
            // Twice, with the finalizers between: what a finalizer frees is collected by the second.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return Results.Ok(new MemoryFigures(GC.GetTotalMemory(forceFullCollection: false), Environment.WorkingSet, circuits.Count));
        });
    }

    public sealed record MemoryFigures(long ManagedBytes, long WorkingSetBytes, int Circuits);
}

/// <summary>How many Blazor circuits this node holds now (opened and not yet released).</summary>
public sealed class OpenCircuits : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref count);
        return Task.CompletedTask;
    }
}
