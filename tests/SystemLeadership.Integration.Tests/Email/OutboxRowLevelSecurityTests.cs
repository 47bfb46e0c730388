using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Email;

/// <summary>
/// The outbox holds live links (a headteacher's reference, a partnership evaluation) in every tenant's emails. The
/// application role sees its own tenant's; only the mailer role, which the sender steps into, sees every tenant's.
/// </summary>
public class OutboxRowLevelSecurityTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private async Task<(Tenant Tenant, OutboxEmail Email)> AllianceWithEmailAsync(string body = "Confirm the reference: https://example.org/reference/abc123")
    {
        var tenant = new Tenant("Alliance " + Guid.NewGuid().ToString("N")[..6], "alliance-" + Guid.NewGuid().ToString("N")[..8], 100001);
        await using (var admin = db.NewAdminContext())
        {
            admin.Tenants.Add(tenant);
            await admin.SaveChangesAsync();
        }
        await using var context = db.NewContext(tenant.Id);
        var email = Outbox.Enqueue(context, $"head-{tenant.Slug}@school.test", "A reference for Ada", body, tenant.Id, _clock);
        await context.SaveChangesAsync();
        return (tenant, email);
    }

    [Fact]
    public async Task An_alliance_reads_its_own_emails_and_never_another_alliances()
    {
        var (a, mine) = await AllianceWithEmailAsync();
        var (_, theirs) = await AllianceWithEmailAsync();

        await using var context = db.NewContext(a.Id);
        var seen = await context.Outbox.Select(e => e.Id).ToListAsync();
        Assert.Contains(mine.Id, seen);
        Assert.DoesNotContain(theirs.Id, seen);

        // Outside any alliance the application role sees no email at all, though it is a member of the mailer role.
        await using var outside = db.NewContext();
        Assert.Equal(0, await outside.Outbox.CountAsync());
    }

    [Fact]
    public async Task An_alliance_can_neither_mark_nor_delete_nor_write_another_alliances_email()
    {
        var (a, _) = await AllianceWithEmailAsync();
        var (b, theirs) = await AllianceWithEmailAsync();

        await using (var context = db.NewContext(a.Id))
        {
            Assert.Equal(0, await context.Outbox.Where(e => e.Id == theirs.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.To, "thief@example.org")));
            Assert.Equal(0, await context.Outbox.Where(e => e.Id == theirs.Id).ExecuteDeleteAsync());
        }
        await using (var context = db.NewContext(a.Id))
        {
            Outbox.Enqueue(context, "head@school.test", "Planted", "Planted in another alliance's outbox.", b.Id, _clock);
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Contains("row-level security", refused.InnerException?.Message);
        }

        await using var admin = db.NewAdminContext();
        var kept = await admin.Outbox.SingleAsync(e => e.Id == theirs.Id);
        Assert.Equal(theirs.To, kept.To);
        Assert.Equal(0, await admin.Outbox.CountAsync(e => e.Subject == "Planted"));
    }

    [Fact]
    public async Task An_account_email_outside_any_alliance_is_written_but_cannot_be_read_back_by_the_application()
    {
        Guid id;
        await using (var context = db.NewContext())
        {
            id = Outbox.Enqueue(context, "new.person@example.org", "Confirm your email", "https://example.org/Account/ConfirmEmail?code=xyz", clock: _clock).Id;
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext())
            Assert.False(await context.Outbox.AnyAsync(e => e.Id == id));
        await using var admin = db.NewAdminContext();
        Assert.True(await admin.Outbox.AnyAsync(e => e.Id == id));
    }

    [Fact]
    public async Task The_mailer_role_reads_and_marks_every_alliances_email_but_may_not_delete_one()
    {
        var (_, first) = await AllianceWithEmailAsync();
        var (_, second) = await AllianceWithEmailAsync();

        await using var context = db.NewContext();
        await using var transaction = await context.BeginAsMailerAsync(DatabaseSetup.MailerRole, default);
        var ids = await context.Outbox.Select(e => e.Id).ToListAsync();
        Assert.Contains(first.Id, ids);
        Assert.Contains(second.Id, ids);
        Assert.Equal(1, await context.Outbox.Where(e => e.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.LastError, "checked")));
        var denied = await Assert.ThrowsAsync<PostgresException>(() => context.Outbox.Where(e => e.Id == second.Id).ExecuteDeleteAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    [Fact]
    public async Task The_mailer_role_lasts_only_for_its_transaction_on_a_connection_handed_on_without_a_reset()
    {
        await AllianceWithEmailAsync();
        // One connection, kept open and never reset (as behind PgBouncer): only SET LOCAL, not SET ROLE, ends with the transaction.
        var connection = new NpgsqlConnectionStringBuilder(db.Connections.App) { MaxPoolSize = 1, NoResetOnClose = true }.ConnectionString;
        await using var context = DatabaseSetup.CreateContext(connection);
        await context.Database.OpenConnectionAsync();
        await using (var transaction = await context.BeginAsMailerAsync(DatabaseSetup.MailerRole, default))
        {
            Assert.Equal(DatabaseSetup.MailerRole, await CurrentUserAsync(context));
            Assert.NotEqual(0, await context.Outbox.CountAsync());
            await transaction.CommitAsync();
        }
        Assert.Equal(DatabaseSetup.AppRole, await CurrentUserAsync(context));
        Assert.Equal(0, await context.Outbox.CountAsync());
    }

    private static async Task<string> CurrentUserAsync(Infrastructure.Data.AppDbContext context) =>
        await context.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync();

    [Fact]
    public async Task Once_delivered_an_email_keeps_no_link_in_the_outbox_but_its_recipient_got_it()
    {
        await using (var admin = db.NewAdminContext()) await admin.Outbox.Where(e => e.SentAt == null).ExecuteDeleteAsync();
        var (tenant, email) = await AllianceWithEmailAsync("Confirm the reference: https://example.org/reference/abc123 by Friday.");
        var server = new RecordingTransport();

        Assert.Equal(1, await Senders.New(db, server, _clock).SendDueAsync(default));

        await using var context = db.NewContext(tenant.Id);
        var sent = await context.Outbox.SingleAsync(e => e.Id == email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal($"Confirm the reference: {OutboxEmail.LinkRemoved} by Friday.", sent.TextBody);
        Assert.Equal("Confirm the reference: https://example.org/reference/abc123 by Friday.", server.Bodies[email.Id]);
    }

    [Fact]
    public async Task Without_a_mail_server_the_outbox_keeps_the_links_since_nobody_received_them()
    {
        await using (var admin = db.NewAdminContext()) await admin.Outbox.Where(e => e.SentAt == null).ExecuteDeleteAsync();
        var (tenant, email) = await AllianceWithEmailAsync("Confirm the reference: https://example.org/reference/abc123 by Friday.");

        Assert.Equal(1, await Senders.New(db, new DevelopmentMailbox(), _clock).SendDueAsync(default));

        await using var context = db.NewContext(tenant.Id);
        var sent = await context.Outbox.SingleAsync(e => e.Id == email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.Contains("https://example.org/reference/abc123", sent.TextBody, StringComparison.Ordinal);
    }
}
