using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>
/// Lock 2: on every connection open, tell PostgreSQL which tenant and user this context acts for, as bound parameters.
/// Row-level-security policies read these settings; an empty tenant matches no row.
/// </summary>
public sealed class TenantSessionInterceptor : DbConnectionInterceptor
{
    public static readonly TenantSessionInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Build(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Build(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Build(DbConnection connection, ConnectionEndEventData eventData)
    {
        var context = eventData.Context as AppDbContext;
        var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config('app.tenant_id', @tenant, false), set_config('app.user_id', @user, false), set_config('app.national_read', @national, false)";
        command.Parameters.Add(new NpgsqlParameter("tenant", context?.TenantId?.ToString() ?? ""));
        command.Parameters.Add(new NpgsqlParameter("user", context?.UserId ?? ""));
        command.Parameters.Add(new NpgsqlParameter("national", context?.NationalRead == true ? "on" : ""));
        return command;
    }
}
