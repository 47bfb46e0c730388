using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// Retries a read that failed on a transient error (a connection the database closed, a failover under way): Npgsql's
/// own transient-error list, and a connection that could not be made at all (with two hosts and
/// <c>Target Session Attributes=primary</c>, "No suitable host was found" while the standby is being promoted), a few
/// times over about 14 seconds. Never a write: a save whose commit may or may not
/// have reached the database is reported to the person, not sent again, so it is neither lost silently nor doubled.
/// </summary>
/// <remarks>
/// "A read" is an operation with no transaction of the context's open and nothing unsaved in its change tracker: a
/// query on its own. A failed SaveChanges leaves its changes unsaved, and a query inside a use case's explicit
/// transaction fails with it, so neither is retried. EF's retrying strategies refuse explicit transactions outright
/// (they would retry the whole unit); this one lets them run as before, unretried.
/// </remarks>
public sealed class ReadRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    /// <summary>Tries after the first: about 0, 1, 3, 5 and 5 seconds apart (EF's exponential back-off, capped), to see a
    /// failover through (pg_auto_failover promotes in about 5 s here; Npgsql rechecks the hosts every few seconds).</summary>
    public const int MaxRetries = 5;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    // EF's check here refuses a retrying strategy inside an explicit transaction; such work is never retried instead.
    protected override void OnFirstExecution() => ExceptionsEncountered.Clear();

    protected override bool ShouldRetryOn(Exception? exception)
    {
        var context = Dependencies.CurrentContext.Context;
        return context.Database.CurrentTransaction is null && !context.ChangeTracker.HasChanges()
            && (base.ShouldRetryOn(exception) || IsNoConnection(exception));
    }

    /// <summary>
    /// The same retries for a read made outside EF (the public directory's own SQL), on the same errors: the whole read
    /// again, so it must start afresh each time. Only for reads; a write is never sent twice.
    /// </summary>
    public static async Task ReadAsync(Func<Task> read, CancellationToken ct)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                await read();
                return;
            }
            catch (Exception e) when (retry <= MaxRetries && (e is NpgsqlException { IsTransient: true } || IsNoConnection(e)))
            {
                // EF's back-off, without its jitter: 0, 1, 3, then 5 seconds.
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, retry - 1) - 1)), ct);
            }
        }
    }

    /// <summary>
    /// Npgsql could not open a connection to any host: none was the primary ("No suitable host was found", no inner
    /// exception), or each failed ("Unable to connect to a suitable host", their errors inside). Npgsql does not call
    /// these transient, as they may last; for a read, trying again a few times costs only the wait.
    /// </summary>
    public static bool IsNoConnection(Exception? exception) =>
        exception is NpgsqlException { InnerException: null or AggregateException } and not PostgresException;
}
