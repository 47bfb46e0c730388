using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>
/// The places a change spans two tenants: the College designating a teaching school writes the new alliance's first
/// memberships; a network partner's proposal for a pooled leader is answered by the leader's home alliance and holds
/// the leader's days there. Both contexts share one connection and transaction; the second context's settings are made
/// (transaction-local) for its step only, then the first's are made again, so both locks still hold for each context's own rows and
/// nothing commits unless both do.
/// </summary>
public static class CrossTenantWrite
{
    public static async Task SaveBothAsync(AppDbContext first, AppDbContext second, Action<AppDbContext> writeSecond, CancellationToken ct)
    {
        await using var transaction = await first.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(first, ct);
        await InTenantAsync(first, second, other =>
        {
            writeSecond(other);
            return Task.CompletedTask;
        }, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="step"/> in <paramref name="second"/>'s tenant inside <paramref name="first"/>'s open
    /// transaction, saves what it changed, and sets <paramref name="first"/>'s tenant back. The caller commits.
    /// </summary>
    public static async Task InTenantAsync(AppDbContext first, AppDbContext second, Func<AppDbContext, Task> step, CancellationToken ct)
    {
        await using (second)
        {
            var transaction = first.Database.CurrentTransaction
                ?? throw new InvalidOperationException("A change across two tenants runs inside the first tenant's transaction.");
            if (second.FromPool)
                throw new InvalidOperationException("The second tenant's context borrows the first's connection: make it with TenantDbContextFactory.ForStepIn, not from the pool.");
            second.Database.SetDbConnection(first.Database.GetDbConnection(), contextOwnsConnection: false);
            await second.Database.UseTransactionAsync(transaction.GetDbTransaction(), ct);
            try
            {
                // Using the transaction made the second context's settings (TenantSessionInterceptor).
                await step(second);
                await ChangeRecorder.SaveAsync(second, ct);
                await TenantSessionInterceptor.EnterAgainAsync(first, ct);
            }
            catch
            {
                // Never leave the other tenant set for whatever the caller does next: the whole change is undone.
                await transaction.RollbackAsync(CancellationToken.None);
                throw;
            }
        }
    }
}
