using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SystemLeadership.Infrastructure.Accounts;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Accounts;

/// <summary>Issue 13: registration saves the account and its confirmation email in one transaction.</summary>
public class RegisterAccountTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>Identity as the app wires it: its EF store on a scoped, tenant-less context.</summary>
    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped(_ => db.NewContext());
        services.AddSingleton<TimeProvider>(_clock);
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider();
    }

    private static Task<Registration> RegisterAsync(IServiceProvider scope, string email, string password = "Correct-horse-battery-9") =>
        ActivatorUtilities.CreateInstance<RegisterAccount>(scope).RegisterAsync(
            " Ada Lovelace ", email, password, (userId, code) => $"https://app.example.org/Account/ConfirmEmail?userId={userId}&code={code}");

    private static string NewEmail() => $"ada-{Guid.NewGuid():N}@example.org";

    private async Task<(int Users, int Emails)> CountAsync(string email)
    {
        await using var context = db.NewAdminContext();
        return (await context.Users.CountAsync(u => u.Email == email), await context.Outbox.CountAsync(e => e.To == email));
    }

    [Fact]
    public async Task Registration_leaves_the_account_and_its_confirmation_email_together()
    {
        await using var services = Services();
        var email = NewEmail();
        Registration registration;
        await using (var scope = services.CreateAsyncScope())
        {
            registration = await RegisterAsync(scope.ServiceProvider, email);
        }

        Assert.True(registration.Succeeded, string.Join(", ", registration.Result.Errors.Select(e => e.Description)));
        await using var context = db.NewAdminContext();
        var user = await context.Users.SingleAsync(u => u.Email == email);
        Assert.Equal("Ada Lovelace", user.FullName);
        Assert.False(user.EmailConfirmed);
        var sent = await context.Outbox.SingleAsync(e => e.To == email);
        Assert.Equal("Confirm your SystemLeadership account", sent.Subject);
        Assert.Null(sent.TenantId);
        Assert.Equal(_clock.GetUtcNow(), sent.CreatedAt);
        var link = $"https://app.example.org/Account/ConfirmEmail?userId={user.Id}&code=";
        Assert.StartsWith($"Dear Ada Lovelace,\n\nPlease confirm your email address to finish creating your account:\n\n{link}", sent.TextBody.ReplaceLineEndings("\n"));

        // The emailed link confirms the account.
        var code = sent.TextBody[(sent.TextBody.IndexOf("&code=", StringComparison.Ordinal) + 6)..].Trim();
        await using var confirmScope = services.CreateAsyncScope();
        var users = confirmScope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var confirmed = await users.ConfirmEmailAsync((await users.FindByIdAsync(user.Id))!, Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)));
        Assert.True(confirmed.Succeeded);
    }

    [Fact]
    public async Task When_the_confirmation_email_cannot_be_written_no_account_remains()
    {
        await using var services = Services();
        var email = NewEmail();
        await WithTheOutboxRefusingAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => RegisterAsync(scope.ServiceProvider, email));
            Assert.Contains("outbox unavailable", failure.ToString());
            // The request's context forgets the account too, rather than carry on as if it existed.
            Assert.Empty(scope.ServiceProvider.GetRequiredService<AppDbContext>().ChangeTracker.Entries());
        });

        Assert.Equal((0, 0), await CountAsync(email));

        // The same person, once the outbox works again, registers with the same email.
        await using var retry = services.CreateAsyncScope();
        Assert.True((await RegisterAsync(retry.ServiceProvider, email)).Succeeded);
        Assert.Equal((1, 1), await CountAsync(email));
    }

    [Fact]
    public async Task A_registration_Identity_refuses_writes_neither_account_nor_email()
    {
        await using var services = Services();
        var email = NewEmail();

        await using (var scope = services.CreateAsyncScope())
        {
            var weak = await RegisterAsync(scope.ServiceProvider, email, password: "short");
            Assert.False(weak.Succeeded);
            Assert.Null(weak.User);
            Assert.Contains(weak.Result.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        }
        Assert.Equal((0, 0), await CountAsync(email));

        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True((await RegisterAsync(scope.ServiceProvider, email)).Succeeded);
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var again = await RegisterAsync(scope.ServiceProvider, email.ToUpperInvariant());
            Assert.False(again.Succeeded);
            Assert.Contains(again.Result.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
        }
        Assert.Equal((1, 1), await CountAsync(email));
    }

    private static Task<Registration> RegisterExternalAsync(IServiceProvider scope, string email, string key) =>
        ActivatorUtilities.CreateInstance<RegisterAccount>(scope).RegisterExternalAsync(
            "Ada Lovelace", email, new UserLoginInfo("Microsoft", key, "Microsoft"), (userId, code) => $"https://app.example.org/Account/ConfirmEmail?userId={userId}&code={code}");

    [Fact]
    public async Task An_external_sign_in_leaves_the_account_its_login_and_its_confirmation_email_together_or_none_of_them()
    {
        await using var services = Services();
        var email = NewEmail();
        var key = Guid.NewGuid().ToString("N");
        await WithTheOutboxRefusingAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => RegisterExternalAsync(scope.ServiceProvider, email, key));
            Assert.Contains("outbox unavailable", failure.ToString());
        });
        Assert.Equal((0, 0), await CountAsync(email));
        await using (var context = db.NewContext())
            Assert.Equal(0, await context.UserLogins.CountAsync(l => l.ProviderKey == key));

        await using (var scope = services.CreateAsyncScope())
        {
            var registration = await RegisterExternalAsync(scope.ServiceProvider, email, key);
            Assert.True(registration.Succeeded, string.Join(", ", registration.Result.Errors.Select(e => e.Description)));
        }
        Assert.Equal((1, 1), await CountAsync(email));
        await using (var context = db.NewContext())
            Assert.Equal(1, await context.UserLogins.CountAsync(l => l.ProviderKey == key));

        // The same provider login for a second email is refused, and leaves no second account behind.
        var second = NewEmail();
        await using (var scope = services.CreateAsyncScope())
            Assert.False((await RegisterExternalAsync(scope.ServiceProvider, second, key)).Succeeded);
        Assert.Equal((0, 0), await CountAsync(second));
    }

    /// <summary>Runs the step while a trigger refuses every insert into the outbox, as a broken outbox would.</summary>
    private async Task WithTheOutboxRefusingAsync(Func<Task> step)
    {
        await ExecuteAsOwnerAsync("""
            CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$;
            CREATE TRIGGER refuse_outbox BEFORE INSERT ON "OutboxEmails" FOR EACH ROW EXECUTE FUNCTION refuse_outbox();
            """);
        try
        {
            await step();
        }
        finally
        {
            await ExecuteAsOwnerAsync("""DROP TRIGGER refuse_outbox ON "OutboxEmails"; DROP FUNCTION refuse_outbox();""");
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Fixed SQL written by the test.")]
    private async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
