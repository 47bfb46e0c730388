using System.Data.Common;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// Retries a read whose connection failed (the database closed it, or a failover is under way), a few times over about
/// 14 seconds. Never a write: a save whose commit may or may not have reached the database is reported to the person,
/// not sent again, so it is neither lost silently nor doubled.
/// </summary>
/// <remarks>
/// <para>"A read" is a query run on its own: no transaction open (the context's own or an ambient one),
/// nothing unsaved in its change tracker, and no command sent through ExecuteNonQuery by the context
/// (<see cref="WritesNeverRetried"/>: ExecuteUpdate, ExecuteDelete, ExecuteSql, migrations). A failed SaveChanges
/// leaves its changes unsaved, and a query inside a use case's explicit transaction fails with it, so neither is
/// retried. EF's retrying strategies refuse explicit transactions outright (they would retry the whole unit); this one
/// lets them run as before, unretried.</para>
/// <para>Only a failed connection is worth it (<see cref="IsConnectionFailure"/>): not a timeout, a full pool or a
/// database refusing for want of room, which a retry would only make worse.</para>
/// </remarks>
public sealed class ReadRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    /// <summary>Tries after the first: about 0, 1, 3, 5 and 5 seconds apart (EF's exponential back-off, capped), to see a
    /// failover through (pg_auto_failover promotes in about 5 s here; Npgsql rechecks the hosts every few seconds).</summary>
    public const int MaxRetries = 5;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    // EF's check here refuses a retrying strategy inside a transaction; such work is never retried instead.
    protected override void OnFirstExecution() => ExceptionsEncountered.Clear();

    protected override bool ShouldRetryOn(Exception? exception)
    {
        var context = Dependencies.CurrentContext.Context;
        return context.Database.CurrentTransaction is null
            && System.Transactions.Transaction.Current is null
            && !context.ChangeTracker.HasChanges() && !WritesNeverRetried.HasWritten(context)
            && IsConnectionFailure(exception);
    }

    /// <summary>
    /// The same retries for a read made outside EF (the public directory's own SQL), on the same errors: the whole read
    /// again, so it must start afresh each time. Only for reads; a write is never sent twice.
    /// </summary>
    public static async Task ReadAsync(Func<Task> read, CancellationToken ct) =>
        await ReadAsync(async () => { await read(); return true; }, ct);

    /// <summary>The same, for a read that answers with a value.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (retry <= MaxRetries && IsConnectionFailure(e))
            {
                // EF's back-off, without its jitter: 0, 1, 3, then 5 seconds.
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, retry - 1) - 1)), ct);
            }
        }
    }

    /// <summary>
    /// The connection failed, or none could be made: the socket broke or was refused; the server ended the session
    /// (57P01 admin shutdown, 57P02 crash shutdown), is starting or stopping (57P03) or reported a connection error
    /// (class 08); or, with two hosts and <c>Target Session Attributes=read-write</c>, none is the primary yet ("No
    /// suitable host was found", while the standby is promoted) or each failed so. Not a timeout, a full pool or a
    /// server refusing for want of room.
    /// </summary>
    public static bool IsConnectionFailure(Exception? exception) => exception switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or SocketException } => true,
        NpgsqlException { InnerException: AggregateException all } => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsConnectionFailure),
        NpgsqlException { InnerException: null } n => n.Message == "No suitable host was found.",
        NpgsqlException { InnerException: NpgsqlException inner } => IsConnectionFailure(inner),
        _ => false,
    };

    /// <summary>
    /// The database could not take the write, so nothing of it was committed: the server it reached refused it as
    /// read-only (25006, "cannot execute ... in a read-only transaction": a standby, or a primary being demoted), or no
    /// server taking writes could be found to send it to (with <c>Target Session Attributes=read-write</c>, while a
    /// standby is promoted). EF wraps a failed save (DbUpdateException), so the inner exceptions are looked through.
    /// </summary>
    public static bool IsWriteRefused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction }) return true;
            if (e is NpgsqlException and not PostgresException && e.InnerException is null && e.Message == "No suitable host was found.") return true;
        }
        return false;
    }
}

/// <summary>
/// Marks a context that sent a command through ExecuteNonQuery (ExecuteUpdate, ExecuteDelete, ExecuteSql, a migration):
/// <see cref="ReadRetryStrategy"/> never retries anything of that context afterwards, since the command may have
/// written. Queries go through ExecuteReader and are not marked.
/// </summary>
public sealed class WritesNeverRetried : DbCommandInterceptor
{
    public static readonly WritesNeverRetried Instance = new();

    private static readonly ConditionalWeakTable<DbContext, object> Written = [];

    private WritesNeverRetried() { }

    public static bool HasWritten(DbContext context) => Written.TryGetValue(context, out _);

    /// <summary>A pooled context given back: its next user's reads may be retried again.</summary>
    public static void Forget(DbContext context)
    {
        // Most contexts only read: looking is lock-free, removing takes the table's lock, which every request would share.
        if (Written.TryGetValue(context, out _)) Written.Remove(context);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Mark(DbContext? context)
    {
        if (context is not null) Written.AddOrUpdate(context, Instance);
    }
}
