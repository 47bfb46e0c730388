using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SystemLeadership.Infrastructure.Telemetry;

/// <summary>
/// Counts the database round trips made for one unit of work (an HTTP request): every command EF sends, each explicit
/// transaction's start (BEGIN with the tenant's settings) and its commit. The count follows the async flow from
/// <see cref="Begin"/>, so it needs no service scope; work outside a counted flow is not counted.
/// The web host reports it per request (a Server-Timing entry when switched on, and a histogram on the product meter),
/// and the page-cost tests and benchmarks read it from there.
/// </summary>
public sealed partial class DatabaseRoundTrips
{
    private static readonly AsyncLocal<DatabaseRoundTrips?> Current = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>The Server-Timing entry a response carries its count in: <c>db;desc="N round trips"</c>.</summary>
    public static string ServerTimingEntry(int count) => string.Create(CultureInfo.InvariantCulture, $"db;desc=\"{count} round trips\"");

    /// <summary>The count in a response's Server-Timing header, if it has one (for the page-cost tests and the bench).</summary>
    public static int? FromServerTiming(string? header) =>
        header is not null && ServerTimingCount().Match(header) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("db;desc=\"(\\d+) round trips\"")]
    private static partial Regex ServerTimingCount();

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
