using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SystemLeadership.Infrastructure.Telemetry;

/// <summary>
/// Counts the database round trips made for one unit of work (an HTTP request): every command EF sends, each explicit
/// transaction's start (BEGIN with the tenant's settings) and its commit. The count follows the async flow from
/// <see cref="Begin"/>, so it needs no service scope; work outside a counted flow is not counted.
/// The web host reports it per request (a Server-Timing entry when switched on, and a histogram on the product meter),
/// and the page-cost tests and benchmarks read it from there.
/// </summary>
public sealed class DatabaseRoundTrips
{
    private static readonly AsyncLocal<DatabaseRoundTrips?> Current = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>Starts counting for the current async flow and everything it calls.</summary>
    public static DatabaseRoundTrips Begin() => Current.Value = new DatabaseRoundTrips();

    /// <summary>One round trip made outside EF (the public directory's own reads).</summary>
    public static void Record() => Add();

    private static void Add()
    {
        if (Current.Value is { } trips) Interlocked.Increment(ref trips.count);
    }

    /// <summary>The interceptor that feeds the count; registered with every context.</summary>
    public static readonly IInterceptor Interceptor = new Counter();

    private sealed class Counter : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            Add();
            return result;
        }

        public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            Add();
            return result;
        }

        public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            Add();
            return ValueTask.FromResult(result);
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Add();

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Add();
            return Task.CompletedTask;
        }
    }
}
