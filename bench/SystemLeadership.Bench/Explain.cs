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
        var service = new BrokerageService(new TenantDbContextFactory(builder.Options, TenantContext.For(tenantId)), clock, links);
        await service.FindLeadersAsync(commissionId);
        var match = capture.Take();
        await service.BoardAsync();
        var board = capture.Take();

        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection))
        {
            set.Parameters.AddWithValue("t", tenantId.ToString());
            await set.ExecuteNonQueryAsync();
        }
        foreach (var (name, commands) in new[] { ("ranked match", match), ("broker's board", board) })
        {
            say($"EXPLAIN ANALYZE of the {name}: {commands.Count} statements");
            foreach (var (sql, parameters) in commands)
            {
                Console.WriteLine(new string('-', 100));
                Console.WriteLine(sql);
                await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
                foreach (var p in parameters) explain.Parameters.Add(p.Clone());
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync()) Console.WriteLine("    " + reader.GetString(0));
            }
        }
    }

    private sealed class Capture : DbCommandInterceptor
    {
        private List<(string Sql, List<NpgsqlParameter> Parameters)> _commands = [];

        public List<(string Sql, List<NpgsqlParameter> Parameters)> Take()
        {
            var taken = _commands;
            _commands = [];
            return taken;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
