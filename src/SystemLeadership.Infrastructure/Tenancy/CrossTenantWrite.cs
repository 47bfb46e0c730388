using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>
/// The one place a change spans two tenants (the College designating a teaching school writes the new alliance's first
/// memberships). Both contexts share one connection and transaction; the second tenant is set with SET LOCAL for that
/// transaction only, so both locks still hold for each context's own rows and nothing commits unless both do.
/// </summary>
public static class CrossTenantWrite
{
    public static async Task SaveBothAsync(AppDbContext first, AppDbContext second, Action<AppDbContext> writeSecond, CancellationToken ct)
    {
        await using (second)
        {
            await using var transaction = await first.Database.BeginTransactionAsync(ct);
            await ChangeRecorder.SaveAsync(first, ct);
            second.Database.SetDbConnection(first.Database.GetDbConnection(), contextOwnsConnection: false);
            await second.Database.UseTransactionAsync(transaction.GetDbTransaction(), ct);
            await second.Database.ExecuteSqlAsync($"SELECT set_config('app.tenant_id', {second.TenantId!.Value.ToString()}, true)", ct);
            writeSecond(second);
            await second.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }
}
