using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Database;

/// <summary>
/// The start-up check of the application's connection: a superuser, a BYPASSRLS role, a table owner and a member of
/// the owner are each reported with the setting to fix; the application role is not.
/// </summary>
public class DatabaseRoleCheckTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_superuser_is_reported_naming_the_setting_and_the_way_out()
    {
        var problems = await DatabaseRoleCheck.ProblemsAsync(db.Connections.Admin);

        var problem = Assert.Single(problems);
        Assert.StartsWith("ConnectionStrings:Default connects as 'postgres', a superuser: row-level security does not apply to it", problem, StringComparison.Ordinal);
        Assert.Contains("Database:AppRole", problem, StringComparison.Ordinal);
        Assert.Contains("setup-database", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_with_BYPASSRLS_is_reported()
    {
        var role = Admin.NewName("bypass");
        await Admin.ExecuteAsync(db.Connections.Admin, $"CREATE ROLE {role} LOGIN NOSUPERUSER BYPASSRLS");
        try
        {
            var problems = await DatabaseRoleCheck.ProblemsAsync(Admin.As(db.Connections.Admin, role));

            var problem = Assert.Single(problems);
            Assert.StartsWith($"ConnectionStrings:Default connects as '{role}', which has BYPASSRLS", problem, StringComparison.Ordinal);
            Assert.Contains($"ALTER ROLE {role} NOBYPASSRLS", problem, StringComparison.Ordinal);
        }
        finally
        {
            await Admin.ExecuteAsync(db.Connections.Admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task The_owner_role_is_reported_as_owning_the_tables()
    {
        var problems = await DatabaseRoleCheck.ProblemsAsync(db.Connections.Owner);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"ConnectionStrings:Default connects as '{DatabaseSetup.OwnerRole}', which owns ", problem, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Migrations", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_owning_a_single_table_is_reported_with_that_table()
    {
        var role = Admin.NewName("owns");
        var table = Admin.NewName("stray");
        await Admin.ExecuteAsync(db.Connections.Admin, $"CREATE ROLE {role} LOGIN; CREATE TABLE public.{table} (id int); ALTER TABLE public.{table} OWNER TO {role}");
        try
        {
            var problems = await DatabaseRoleCheck.ProblemsAsync(Admin.As(db.Connections.Admin, role));

            var problem = Assert.Single(problems);
            Assert.StartsWith($"ConnectionStrings:Default connects as '{role}', which owns 1 table(s) (e.g. public.{table})", problem, StringComparison.Ordinal);
        }
        finally
        {
            await Admin.ExecuteAsync(db.Connections.Admin, $"DROP TABLE IF EXISTS public.{table}; DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task A_member_of_the_owner_role_is_reported()
    {
        var role = Admin.NewName("member");
        await Admin.ExecuteAsync(db.Connections.Admin, $"CREATE ROLE {role} LOGIN; GRANT {DatabaseSetup.OwnerRole} TO {role}");
        try
        {
            var problems = await DatabaseRoleCheck.ProblemsAsync(Admin.As(db.Connections.Admin, role));

            var problem = Assert.Single(problems);
            Assert.StartsWith($"ConnectionStrings:Default connects as '{role}', a member of {DatabaseSetup.OwnerRole}", problem, StringComparison.Ordinal);
        }
        finally
        {
            await Admin.ExecuteAsync(db.Connections.Admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task The_application_role_passes()
    {
        Assert.Empty(await DatabaseRoleCheck.ProblemsAsync(db.Connections.App));
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    [InlineData("Testing", false)]
    public void Problems_stop_the_start_everywhere_but_Development_and_Testing(string environment, bool refuses)
    {
        Assert.Equal(refuses, DatabaseRoleCheck.RefusesToStart(environment));
    }
}
