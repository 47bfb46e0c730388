using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>
/// Lock 2: tell PostgreSQL which tenant and user a context acts for, inside the transaction that uses them, as bound
/// parameters. Row-level-security policies read these settings; an unset tenant matches no row.
/// </summary>
/// <remarks>
/// The settings are transaction-local (<c>set_config(…, true)</c> in <c>app_enter</c>), so nothing outlives the
/// transaction: a pooled connection carries no tenant to its next user, and the product stays correct behind a pooler
/// in transaction mode (PgBouncer), where consecutive transactions of one client may run on different server
/// connections.
/// <list type="bullet">
/// <item>A command outside an explicit transaction is its own implicit transaction: <c>CALL app_enter(…)</c> is
/// prepended to it, so the tenant travels in the same round trip as the query and lasts exactly as long. A procedure
/// returns no result set, so readers, scalars and row counts see only the query.</item>
/// <item>An explicit transaction gets the call when it starts (Npgsql sends the deferred BEGIN with it, one round
/// trip); SaveChanges always runs in one (<see cref="AppDbContext"/> sets <c>AutoTransactionBehavior.Always</c>), so a
/// modification batch is never prefixed.</item>
/// </list>
/// A context with no tenant, user or national read (migrations, the outbox sender's sweep) sends nothing: the
/// settings are then unset, which is what the policies read as "no tenant".
/// </remarks>
public sealed class TenantSessionInterceptor : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly TenantSessionInterceptor Instance = new();

    /// <summary>The procedure, created by migration PerTransactionTenant.</summary>
    public const string EnterCall = "CALL public.app_enter(@app_tenant__, @app_user__, @app_national__)";

    private TenantSessionInterceptor() { }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = EnterCommand(connection, result, eventData.Context);
        command?.ExecuteNonQuery();
        return result;
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = EnterCommand(connection, result, eventData.Context);
        if (command is not null) await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        using var command = EnterCommand(connection, result, eventData.Context);
        command?.ExecuteNonQuery();
        return result;
    }

    public async ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = EnterCommand(connection, result, eventData.Context);
        if (command is not null) await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Makes <paramref name="db"/>'s settings again in its open transaction: after another context shared the
    /// transaction with its own tenant (<see cref="CrossTenantWrite"/>).
    /// </summary>
    public static async Task EnterAgainAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The settings are made again only inside an open transaction.");
        await using var command = EnterCommand(db.Database.GetDbConnection(), transaction, db)
            ?? throw new InvalidOperationException("A context with no tenant has no settings to make.");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Prepends a constant call to EF's own command text; values go in parameters.")]
    private static void Prefix(DbCommand command, CommandEventData eventData)
    {
        // Inside an explicit transaction the settings were made when it started.
        if (command.Transaction is not null || command.CommandType != CommandType.Text) return;
        if (Settings(eventData.Context) is not { } settings) return;
        if (command.CommandText.StartsWith(EnterCall, StringComparison.Ordinal)) return;
        command.CommandText = EnterCall + ";\n" + command.CommandText;
        AddParameters(command, settings);
    }

    private static DbCommand? EnterCommand(DbConnection connection, DbTransaction transaction, DbContext? context)
    {
        if (Settings(context) is not { } settings) return null;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = EnterCall;
        AddParameters(command, settings);
        return command;
    }

    private static (string Tenant, string User, string National)? Settings(DbContext? context)
    {
        if (context is not AppDbContext db) return null;
        var settings = (db.TenantId?.ToString() ?? "", db.UserId ?? "", db.NationalRead ? "on" : "");
        return settings is ("", "", "") ? null : settings;
    }

    private static void AddParameters(DbCommand command, (string Tenant, string User, string National) settings)
    {
        command.Parameters.Add(new NpgsqlParameter("app_tenant__", settings.Tenant));
        command.Parameters.Add(new NpgsqlParameter("app_user__", settings.User));
        command.Parameters.Add(new NpgsqlParameter("app_national__", settings.National));
    }
}
