using SystemLeadership.Domain.Tenancy;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Bench;

/// <summary>
/// Runs each query once with a command interceptor that keeps the SQL EF sends, then EXPLAIN (ANALYZE, BUFFERS) of each
/// statement with the same parameters, on an application-role connection with the tenant set: the plans RLS really gets.
/// </summary>
internal static class Explain
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Explains the SQL EF itself generated, with its parameters.")]
    public static async Task RunAsync(string app, Guid tenantId, Guid commissionId, TimeProvider clock, AppLinks links, Action<string> say)
    {
        var capture = new Capture();
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseSystemLeadershipDatabase(app).AddInterceptors(capture);
        var contexts = new TenantDbContextFactory(builder.Options, TenantContext.For(tenantId));
        var finder = new FindLeaders(contexts);
        var views = new BrokerageViews(contexts, clock);
        var broker = new Actor("bench-broker", "Bench Broker", "broker@bench.test", TenantRoles.AllianceManager);
        // Where the time goes: the statements' own time (sent to last row read) against the call's whole time.
        foreach (var (name, call) in new (string, Func<Task>)[] { ("ranked match", () => finder.FindLeadersAsync(commissionId)), ("broker's board", () => views.BoardAsync(broker)) })
        {
            for (var i = 0; i < 30; i++)
            {
                capture.Take();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await call();
                var whole = watch.Elapsed.TotalMilliseconds;
                if (i >= 25) say($"  {name}: {whole:0.00} ms in all, {capture.StatementMilliseconds:0.00} ms in {capture.Count} statements ({string.Join(", ", capture.Each.Select(e => e.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))})");
            }
        }
        capture.Take();
        await finder.FindLeadersAsync(commissionId);
        var match = capture.Take();
        await views.BoardAsync(broker);
        var board = capture.Take();
        // The College's national dashboard: every alliance through the SELECT-only national policy.
        var nation = new SystemLeadership.Infrastructure.Reports.NationalReports(new TenantDbContextFactory(builder.Options, TenantContext.For(null, "bench-college")), clock,
            new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
        for (var i = 0; i < 5; i++)
        {
            capture.Take();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await nation.CountAsync();
            say($"  national dashboard: {watch.Elapsed.TotalMilliseconds:0.00} ms in all, {capture.StatementMilliseconds:0.00} ms in {capture.Count} statements ({string.Join(", ", capture.Each.Select(e => e.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))})");
        }
        capture.Take();
        await nation.CountAsync();
        var dashboard = capture.Take();

        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection))
        {
            set.Parameters.AddWithValue("t", tenantId.ToString());
            await set.ExecuteNonQueryAsync();
        }
        foreach (var (name, commands, national) in new[] { ("ranked match", match, false), ("broker's board", board, false), ("national dashboard", dashboard, true) })
        {
            await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false), set_config('app.national_read', @n, false)", connection))
            {
                set.Parameters.AddWithValue("t", national ? "" : tenantId.ToString());
                set.Parameters.AddWithValue("n", national ? "on" : "off");
                await set.ExecuteNonQueryAsync();
            }
            say($"EXPLAIN ANALYZE of the {name}: {commands.Count} statements");
            foreach (var (sql, parameters) in commands)
            {
                Console.WriteLine(new string('-', 100));
                // The tenant was set above for the whole session: the statement without the per-transaction call in front.
                var statement = sql.StartsWith(TenantSessionInterceptor.EnterCall, StringComparison.Ordinal) ? sql[(TenantSessionInterceptor.EnterCall.Length + 2)..] : sql;
                Console.WriteLine(statement);
                await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + statement, connection);
                foreach (var p in parameters.Where(p => !p.ParameterName.EndsWith("__", StringComparison.Ordinal))) explain.Parameters.Add(p.Clone());
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync()) Console.WriteLine("    " + reader.GetString(0));
            }
        }
    }

    private sealed class Capture : DbCommandInterceptor
    {
        private List<(string Sql, List<NpgsqlParameter> Parameters)> _commands = [];
        private readonly System.Diagnostics.Stopwatch _watch = new();

        public double StatementMilliseconds { get; private set; }
        public int Count => _commands.Count;
        public List<double> Each { get; } = [];

        public List<(string Sql, List<NpgsqlParameter> Parameters)> Take()
        {
            var taken = _commands;
            _commands = [];
            StatementMilliseconds = 0;
            Each.Clear();
            return taken;
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            StatementMilliseconds += _watch.Elapsed.TotalMilliseconds;
            Each.Add(_watch.Elapsed.TotalMilliseconds);
            return base.DataReaderClosing(command, eventData, result);
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            StatementMilliseconds += _watch.Elapsed.TotalMilliseconds;
            Each.Add(_watch.Elapsed.TotalMilliseconds);
            return base.DataReaderClosingAsync(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _watch.Restart();
            _commands.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
