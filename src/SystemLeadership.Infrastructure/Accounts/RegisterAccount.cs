using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Accounts;

/// <summary>The outcome of <see cref="RegisterAccount.RegisterAsync"/>: Identity's result and, when it succeeded, the new account.</summary>
public sealed record Registration(IdentityResult Result, ApplicationUser? User)
{
    public bool Succeeded => Result.Succeeded;
}

/// <summary>
/// Creating an account, with a password or an external provider's login: the account (and its login) and its
/// confirmation email are saved in one transaction, so there is never an account whose confirmation email was lost,
/// nor an email for an account that does not exist.
/// </summary>
/// <remarks>
/// Identity's EF store saves on the request's scoped <see cref="AppDbContext"/> (tenant-less, like the outbox); the
/// transaction is begun on that same context and the email is queued on it.
/// </remarks>
public sealed class RegisterAccount(
    UserManager<ApplicationUser> users,
    IUserStore<ApplicationUser> store,
    AppDbContext db,
    TimeProvider clock)
{
    /// <param name="confirmationLink">
    /// Makes the plain (not HTML-encoded) confirmation link from the new account's id and its Base64Url-encoded token.
    /// </param>
    public Task<Registration> RegisterAsync(
        string fullName, string email, string password, Func<string, string, string> confirmationLink, CancellationToken ct = default) =>
        CreateAsync(fullName, email, user => users.CreateAsync(user, password), confirmationLink, ct);

    /// <summary>
    /// An account for someone signing in with an external provider: the account (no password), its link to the
    /// provider's login and its confirmation email, all in one transaction.
    /// </summary>
    public Task<Registration> RegisterExternalAsync(
        string fullName, string email, UserLoginInfo login, Func<string, string, string> confirmationLink, CancellationToken ct = default) =>
        CreateAsync(fullName, email, async user =>
        {
            var created = await users.CreateAsync(user);
            return created.Succeeded ? await users.AddLoginAsync(user, login) : created;
        }, confirmationLink, ct);

    private async Task<Registration> CreateAsync(
        string fullName, string email, Func<ApplicationUser, Task<IdentityResult>> create, Func<string, string, string> confirmationLink, CancellationToken ct)
    {
        if (!users.SupportsUserEmail || store is not IUserEmailStore<ApplicationUser> emailStore)
        {
            throw new NotSupportedException("Registration needs a user store with email support.");
        }

        var user = new ApplicationUser { FullName = fullName.Trim() };
        await store.SetUserNameAsync(user, email, ct);
        await emailStore.SetEmailAsync(user, email, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await create(user);
            if (!result.Succeeded)
            {
                // Nothing of a refused registration stays: an account made before its login was refused goes with it.
                db.ChangeTracker.Clear();
                return new Registration(result, null);
            }
            // The store must have saved on this context, i.e. inside this transaction; otherwise the promise is broken.
            if (!db.ChangeTracker.Entries<ApplicationUser>().Any(e => ReferenceEquals(e.Entity, user)))
            {
                throw new InvalidOperationException("Identity's user store does not use the request's AppDbContext.");
            }

            var userId = await users.GetUserIdAsync(user);
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            Outbox.Enqueue(db, email, AccountEmails.ConfirmationSubject,
                AccountEmails.ConfirmationBody(user.FullName, confirmationLink(userId, code)), tenantId: null, clock);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Registration(result, user);
        }
        catch
        {
            // Rolled back (by the transaction's disposal): the context must not go on believing the account exists.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
