using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// The one place that decides which database failures mean "someone else got there first": a concurrency token that
/// moved, a unique key taken by a racing insert, a serialization failure or a deadlock. Each reaches the person as
/// "changed by someone else — reload", never as an error page; anything else is a bug and is left to the log.
/// </summary>
public static class DatabaseConflicts
{
    public static bool IsConflict(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException p => p.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        DbUpdateException { InnerException: { } inner } => IsConflict(inner),
        InvalidOperationException { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };
}
