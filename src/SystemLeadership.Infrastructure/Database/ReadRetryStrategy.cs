using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// Retries a read that failed on a transient error (a connection the database closed, a failover under way): Npgsql's
/// own transient-error list, a few times, a few seconds apart at most. Never a write: a save whose commit may or may not
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
    /// <summary>Tries after the first: about 0, 1, 3 and 5 seconds apart (EF's exponential back-off, capped).</summary>
    public const int MaxRetries = 4;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    // EF's check here refuses a retrying strategy inside an explicit transaction; such work is never retried instead.
    protected override void OnFirstExecution() => ExceptionsEncountered.Clear();

    protected override bool ShouldRetryOn(Exception? exception)
    {
        var context = Dependencies.CurrentContext.Context;
        return context.Database.CurrentTransaction is null && !context.ChangeTracker.HasChanges() && base.ShouldRetryOn(exception);
    }
}
