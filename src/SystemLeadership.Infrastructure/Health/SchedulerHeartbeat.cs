namespace SystemLeadership.Infrastructure.Health;

/// <summary>
/// When this node's designation scheduler last finished a run (or, before its first, when the node started): the
/// readiness check reads it. One per process: each node runs its own scheduler.
/// </summary>
public sealed class SchedulerHeartbeat(TimeProvider clock)
{
    private long _lastRunTicks = clock.GetUtcNow().UtcTicks;

    public bool HasRun { get; private set; }

    public DateTimeOffset LastRun => new(Interlocked.Read(ref _lastRunTicks), TimeSpan.Zero);

    public void Ran()
    {
        Interlocked.Exchange(ref _lastRunTicks, clock.GetUtcNow().UtcTicks);
        HasRun = true;
    }
}
