using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// The one way to work on every tenant's outbox: a transaction as the mailer role (Database:MailerRole), which may read
/// and mark the outbox and nothing else. The role lasts exactly as long as the transaction (SET LOCAL), so the pooled
/// connection goes back as the application role, which sees only its own tenant's emails.
/// </summary>
public static class MailerRole
{
    public static async Task<IDbContextTransaction> BeginAsMailerAsync(this AppDbContext db, string role, CancellationToken ct)
    {
        if (!DatabaseRoles.IsPlainIdentifier(role)) throw new ArgumentException($"'{role}' is not a plain role name.", nameof(role));
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // A plain identifier checked above; SET cannot take a bound parameter.
            var statement = "SET LOCAL ROLE " + role;
            await db.Database.ExecuteSqlRawAsync(statement, ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
