using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Database;

/// <summary>
/// setup-database on a fresh database of its own, with role names and passwords as configuration would give them:
/// roles made without superuser or BYPASSRLS, the database owned by the owner and migrated, nothing made twice, and the
/// application role afterwards passing the start-up check.
/// </summary>
public class SetupDatabaseTests : IAsyncLifetime
{
    private readonly string _database = Admin.NewName("setup");
    private readonly DatabaseRoles _roles = new(Admin.NewName("owner"), Admin.NewName("app"));
    private readonly List<string> _extraDatabases = [];
    private PostgresServer _server = null!;

    private string AdminConnection => _server.AdminConnectionString;

    public async Task InitializeAsync() => _server = await PostgresServer.GetAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var database in _extraDatabases.Append(_database))
        {
            await Admin.ExecuteAsync(AdminConnection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        await Admin.ExecuteAsync(AdminConnection, $"DROP ROLE IF EXISTS {_roles.App}; DROP ROLE IF EXISTS {_roles.Owner}");
    }

    [Fact]
    public async Task Setup_makes_the_roles_and_the_database_migrates_it_changes_nothing_the_second_time_and_the_app_role_passes_the_check()
    {
        // A password with quotes and a comment must arrive as a password, not as SQL.
        const string ownerPassword = "o'wner \"pw\"; -- DROP ROLE postgres";
        const string appPassword = "app's password";

        var first = await DatabaseSetup.SetUpAsync(AdminConnection, _database, _roles, ownerPassword, appPassword);

        Assert.Contains($"Created role '{_roles.Owner}' (Database:OwnerRole): LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE.", first);
        Assert.Contains($"Created role '{_roles.App}' (Database:AppRole): LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE.", first);
        Assert.Contains($"Created database '{_database}', owned by '{_roles.Owner}'.", first);
        Assert.Contains(first, s => s.StartsWith($"Migrated database '{_database}' as '{_roles.Owner}'", StringComparison.Ordinal));
        foreach (var role in new[] { _roles.Owner, _roles.App })
        {
            var attributes = await Admin.ScalarAsync(AdminConnection,
                "SELECT format('%s %s %s %s %s', rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin) FROM pg_roles WHERE rolname = @role", ("role", role));
            Assert.Equal("f f f f t", attributes); // rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin
            Assert.Equal(true, await Admin.ScalarAsync(AdminConnection, "SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = @role", ("role", role)));
        }
        Assert.Equal("postgres", await Admin.ScalarAsync(AdminConnection, "SELECT rolname::text FROM pg_roles WHERE rolsuper AND rolname = 'postgres'"));
        Assert.Equal(_roles.Owner, await Admin.ScalarAsync(AdminConnection, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = @name", ("name", _database)));

        var second = await DatabaseSetup.SetUpAsync(AdminConnection, _database, _roles, ownerPassword, appPassword);

        Assert.DoesNotContain(second, s => s.StartsWith("Created", StringComparison.Ordinal));
        Assert.Contains($"Role '{_roles.App}' (Database:AppRole) exists: not a superuser, no BYPASSRLS.", second);
        Assert.Contains($"Database '{_database}' was already migrated (as '{_roles.Owner}').", second);

        var app = Admin.As(AdminConnection, _roles.App, _database, appPassword);
        Assert.Empty(await DatabaseRoleCheck.ProblemsAsync(app));
        Assert.Empty(await DatabaseSetup.PendingMigrationsAsync(app));
        await using (var context = DatabaseSetup.CreateContext(app))
        {
            Assert.Equal(0, await context.Tenants.CountAsync());
        }
        var owner = Admin.As(AdminConnection, _roles.Owner, _database, ownerPassword);
        Assert.Contains(await DatabaseRoleCheck.ProblemsAsync(owner), p => p.Contains($"'{_roles.Owner}', which owns ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_existing_superuser_named_as_the_app_role_stops_setup_and_is_left_as_it_was()
    {
        var roles = new DatabaseRoles(_roles.Owner, "postgres");

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseSetup.SetUpAsync(AdminConnection, _database, roles, null, null));

        Assert.StartsWith("Role 'postgres' (Database:AppRole) already exists and is a superuser", error.Message, StringComparison.Ordinal);
        Assert.Null(await Admin.ScalarAsync(AdminConnection, "SELECT 1 FROM pg_database WHERE datname = @name", ("name", _database)));
        Assert.Equal(true, await Admin.ScalarAsync(AdminConnection, "SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres'"));
    }

    [Fact]
    public async Task A_database_owned_by_another_role_stops_setup()
    {
        var other = Admin.NewName("taken");
        _extraDatabases.Add(other);
        await Admin.ExecuteAsync(AdminConnection, $"CREATE DATABASE \"{other}\"");

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseSetup.SetUpAsync(AdminConnection, other, _roles, null, null));

        Assert.StartsWith($"Database '{other}' already exists and is owned by 'postgres', not by '{_roles.Owner}' (Database:OwnerRole)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app; DROP ROLE postgres", "Database:AppRole")]
    [InlineData("App", "Database:AppRole")]
    [InlineData("\"app\"", "Database:AppRole")]
    [InlineData("pg_app", "Database:AppRole")]
    [InlineData("", "Database:AppRole")]
    public void Role_names_that_are_not_plain_identifiers_are_refused_before_any_SQL(string app, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new DatabaseRoles("systemleadership_owner", app));
        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_role_cannot_be_the_owner()
    {
        var error = Assert.Throws<ArgumentException>(() => new DatabaseRoles("same_role", "same_role"));
        Assert.Contains("must be a different role from the owner", error.Message, StringComparison.Ordinal);
    }
}
