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

    public AppDbContext NewOwnerContext(Guid? tenantId = null) =>
        DatabaseSetup.CreateContext(Connections.Owner, TenantContext.For(tenantId));

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
