using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;
using Xunit;

namespace SystemLeadership.Testing;

/// <summary>A database of the test class's own, migrated, connected to as the application role (behind RLS).</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public TestDatabaseConnections Connections { get; private set; } = null!;

    public AppDbContext NewContext(Guid? tenantId = null, string? userId = null) =>
        DatabaseSetup.CreateContext(Connections.App, TenantContext.For(tenantId, userId));

    /// <summary>
    /// A context as the database's administrator, past every policy: for a test to look at what the product wrote for
    /// everyone (every tenant's outbox emails, say). Never a stand-in for the application, which is behind the policies.
    /// </summary>
    public AppDbContext NewAdminContext() => DatabaseSetup.CreateContext(Connections.Admin);

    public AppDbContext NewOwnerContext(Guid? tenantId = null) =>
        DatabaseSetup.CreateContext(Connections.Owner, TenantContext.For(tenantId));

    /// <summary>
    /// Runs one statement as the database's administrator, past every policy: for setting up what no use case would
    /// write (a backdated designation, a demoted membership). Values go in as parameters, never into the text.
    /// </summary>
    public async Task<int> ExecuteAsAdminAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Connections.Admin);
        await connection.OpenAsync();
#pragma warning disable CA2100 // Test set-up text from the test itself; values are bound parameters.
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        Connections = await _server.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DropDatabaseAsync(Connections.Name);
    }
}
