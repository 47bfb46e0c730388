using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Database;

/// <summary>
/// What a failover or a database restart does to the app: every connection its pool holds is closed by the server.
/// A read is tried again on a new connection and answers; a write is reported, never sent a second time.
/// </summary>
public class ReadRetryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>The server ends every session the app role has open on this test's database, and waits for them to go.</summary>
    private Task<int> CloseTheAppsConnectionsAsync() => db.ExecuteAsAdminAsync(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database() AND usename = @role",
        ("role", DatabaseSetup.AppRole));

    /// <summary>A context as the app uses it, which also counts the times EF tried an operation again.</summary>
    private AppDbContext Context(List<string> retries) => new(
        new DbContextOptionsBuilder<AppDbContext>(DatabaseSetup.Options(db.Connections.App))
            .LogTo(retries.Add, [CoreEventId.ExecutionStrategyRetrying])
            .Options,
        new TenantContext());

    private async Task<Tenant> TenantAsync()
    {
        // An earlier test here may have left dead connections in the pool: the set-up's save would fail on one (rightly).
        await using (var connection = new Npgsql.NpgsqlConnection(db.Connections.App)) Npgsql.NpgsqlConnection.ClearPool(connection);
        var tenant = new Tenant("Swaledale Alliance", "swaledale-" + Guid.NewGuid().ToString("N")[..6], 100001);
        await using var context = db.NewContext();
        context.Tenants.Add(tenant);
        await context.SaveChangesAsync();
        return tenant;
    }

    /// <summary>
    /// A context whose connection the server has closed: the connection is the context's own while it is closed, so the
    /// pool cannot swap it for a new one. Its retries are counted in the list.
    /// </summary>
    private async Task<AppDbContext> ClosedUnderAsync(List<string> retries)
    {
        var context = Context(retries);
        await context.Database.OpenConnectionAsync();
        await CloseTheAppsConnectionsAsync();
        return context;
    }

    [Fact]
    public async Task A_read_on_a_connection_the_server_has_closed_is_tried_again_on_a_new_one_and_answers()
    {
        var tenant = await TenantAsync();
        var retries = new List<string>();
        await using var context = await ClosedUnderAsync(retries);

        var found = await context.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Id);

        Assert.Equal("Swaledale Alliance", found.Name);
        Assert.Single(retries);
    }

    [Fact]
    public async Task A_save_on_a_connection_the_server_has_closed_is_reported_and_not_sent_again()
    {
        await TenantAsync();
        var retries = new List<string>();
        await using var context = await ClosedUnderAsync(retries);

        var lost = new Tenant("Learners First", "learners-" + Guid.NewGuid().ToString("N")[..6], 100002);
        context.Tenants.Add(lost);
        await Assert.ThrowsAnyAsync<Exception>(() => context.SaveChangesAsync());

        Assert.Empty(retries);
        await using var admin = db.NewAdminContext();
        Assert.False(await admin.Tenants.AnyAsync(t => t.Id == lost.Id));
    }

    [Fact]
    public async Task A_read_inside_a_transaction_the_server_has_closed_is_reported_and_not_tried_again()
    {
        var tenant = await TenantAsync();
        var retries = new List<string>();
        await using var context = Context(retries);
        await using var transaction = await context.Database.BeginTransactionAsync();
        Assert.True(await context.Tenants.AnyAsync(t => t.Id == tenant.Id));

        await CloseTheAppsConnectionsAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => context.Tenants.AnyAsync(t => t.Id == tenant.Id));
        Assert.Empty(retries);
    }

    [Fact]
    public async Task A_command_that_may_write_on_a_connection_the_server_has_closed_is_reported_and_not_sent_again()
    {
        await TenantAsync();
        var retries = new List<string>();
        await using var context = await ClosedUnderAsync(retries);

        // ExecuteSql, ExecuteUpdate and ExecuteDelete run outside SaveChanges and its change tracker: never retried.
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("SELECT 1"));
        Assert.Empty(retries);
    }

    [Fact]
    public async Task The_public_directorys_own_read_is_tried_again_too()
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(db.Connections.App);
        var directory = new SystemLeadership.Infrastructure.LeaderDirectory.PublicDirectory(dataSource, DatabaseSetup.DirectoryRole, TimeProvider.System);
        Assert.Null(await directory.EntryAsync(Guid.NewGuid()));
        await CloseTheAppsConnectionsAsync();

        // Its pooled connection is dead; the read is made again on a new one: the failed query, the query again, the commit.
        var trips = SystemLeadership.Infrastructure.Telemetry.DatabaseRoundTrips.Begin();
        Assert.Null(await directory.EntryAsync(Guid.NewGuid()));
        Assert.Equal(3, trips.Count);
    }

    [Fact]
    public async Task A_node_starting_while_the_database_drops_its_first_connection_still_reads_its_schema_and_checks_its_role()
    {
        // What a node starting during a failover met (bench/faults.sh): its first connection cut off. It stopped with an
        // unhandled exception; now it reads again, as any read does.
        await using (var front = new DroppingFront(db.Connections.App, drop: 1))
        {
            Assert.Empty(await DatabaseSetup.PendingMigrationsAsync(front.ConnectionString));
            Assert.Equal(2, front.Connections);
        }
        await using (var front = new DroppingFront(db.Connections.App, drop: 1))
        {
            Assert.Equal(await DatabaseRoleCheck.ProblemsAsync(db.Connections.App), await DatabaseRoleCheck.ProblemsAsync(front.ConnectionString));
            Assert.Equal(2, front.Connections);
        }
    }

    /// <summary>
    /// A TCP front for the test's PostgreSQL that closes one connection made to it (the <c>drop</c>th) at once, as a
    /// server going away does, and passes every other through. Its connection string does not pool, so each try connects
    /// anew, and asks for neither TLS nor GSS encryption, which Npgsql would otherwise try again without on a new connection
    /// (hiding the drop).
    /// </summary>
    private sealed class DroppingFront : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private readonly string serverHost;
        private readonly int serverPort;
        private readonly Task accepting;
        private readonly int drop;
        private int connections;

        public DroppingFront(string connectionString, int drop)
        {
            this.drop = drop;
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            (serverHost, serverPort) = (builder.Host!, builder.Port);
            listener.Start();
            builder.Host = "127.0.0.1";
            builder.Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            builder.Pooling = false;
            builder.SslMode = Npgsql.SslMode.Disable;
            builder.GssEncryptionMode = Npgsql.GssEncryptionMode.Disable;
            ConnectionString = builder.ConnectionString;
            accepting = AcceptAsync();
        }

        public string ConnectionString { get; }

        /// <summary>Connections made to the front, the dropped one included.</summary>
        public int Connections => Volatile.Read(ref connections);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    if (Interlocked.Increment(ref connections) == drop) client.Dispose();
                    else _ = PassAsync(client);
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed.
            }
        }

        private async Task PassAsync(System.Net.Sockets.TcpClient client)
        {
            try
            {
                using (client)
                using (var server = new System.Net.Sockets.TcpClient())
                {
                    await server.ConnectAsync(serverHost, serverPort, stop.Token);
                    var (fromClient, fromServer) = (client.GetStream(), server.GetStream());
                    await Task.WhenAny(fromClient.CopyToAsync(fromServer, stop.Token), fromServer.CopyToAsync(fromClient, stop.Token));
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                // One side hung up.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            await accepting;
            stop.Dispose();
        }
    }

    [Fact]
    public async Task A_save_on_a_server_that_takes_no_writes_is_recognised_saves_nothing_and_goes_through_once_the_pools_are_dropped()
    {
        // A pooled connection to a server that has since stopped taking writes, as an old primary on its way back as a
        // standby: its own pool (by name), kept without a reset as the app keeps its connections, and read-only.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(db.Connections.App)
        {
            ApplicationName = "read-only-" + Guid.NewGuid().ToString("N")[..8],
            NoResetOnClose = true,
        }.ConnectionString;
        await using (var pooled = new Npgsql.NpgsqlConnection(connection))
        {
            await pooled.OpenAsync();
            await using var readOnly = new Npgsql.NpgsqlCommand("SET SESSION default_transaction_read_only = on", pooled);
            await readOnly.ExecuteNonQueryAsync();
        }
        var slug = "refused-" + Guid.NewGuid().ToString("N")[..6];
        AppDbContext NewContext() => new(DatabaseSetup.Options(connection), new TenantContext());

        await using (var context = NewContext())
        {
            context.Tenants.Add(new Tenant("Refused Alliance", slug, 100001));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => context.SaveChangesAsync());
            Assert.True(ReadRetryStrategy.IsWriteRefused(refused), refused.ToString());
            Assert.False(ReadRetryStrategy.IsConnectionFailure(refused));
        }
        Assert.Equal(0, await CountTenantsAsync(slug));

        // What the app does on such a refusal (WritesRefusedMiddleware): the next connection is a new one, which writes.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using (var context = NewContext())
        {
            context.Tenants.Add(new Tenant("Refused Alliance", slug, 100001));
            await context.SaveChangesAsync();
        }
        Assert.Equal(1, await CountTenantsAsync(slug));
    }

    private async Task<int> CountTenantsAsync(string slug)
    {
        await using var admin = db.NewAdminContext();
        return await admin.Tenants.CountAsync(t => t.Slug == slug);
    }

    [Fact]
    public void Only_a_failed_connection_is_worth_a_read_trying_again_not_a_timeout_a_full_server_or_a_refusal()
    {
        Assert.True(ReadRetryStrategy.IsConnectionFailure(new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(ReadRetryStrategy.IsConnectionFailure(new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("closed"))));
        // What Npgsql throws with two hosts while neither is the primary, and when every host failed.
        Assert.True(ReadRetryStrategy.IsConnectionFailure(new Npgsql.NpgsqlException("No suitable host was found.")));
        Assert.True(ReadRetryStrategy.IsConnectionFailure(new Npgsql.NpgsqlException("Unable to connect to a suitable host.",
            new AggregateException(new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))))));

        // A slow query or a full pool, a server out of connection slots, a refusal: asking again would not help.
        Assert.False(ReadRetryStrategy.IsConnectionFailure(new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.False(ReadRetryStrategy.IsConnectionFailure(new Npgsql.PostgresException("too many connections", "FATAL", "FATAL", "53300")));
        Assert.False(ReadRetryStrategy.IsConnectionFailure(new Npgsql.PostgresException("permission denied", "ERROR", "ERROR", "42501")));
        Assert.False(ReadRetryStrategy.IsConnectionFailure(new Npgsql.NpgsqlException("The connection is already in state 'Executing'")));
        Assert.False(ReadRetryStrategy.IsConnectionFailure(new InvalidOperationException("No suitable host was found.")));

        // A write refused as read-only is not a failed connection; a refusal is 25006, not any other error.
        var readOnly = new Npgsql.PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006");
        Assert.False(ReadRetryStrategy.IsConnectionFailure(readOnly));
        Assert.True(ReadRetryStrategy.IsWriteRefused(new DbUpdateException("An error occurred while saving the entity changes.", readOnly)));
        Assert.False(ReadRetryStrategy.IsWriteRefused(new DbUpdateException("duplicate", new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505"))));
        // No server taking writes found (a standby being promoted): nothing was sent, so nothing was written either.
        Assert.True(ReadRetryStrategy.IsWriteRefused(new DbUpdateException("An error occurred while saving the entity changes.", new Npgsql.NpgsqlException("No suitable host was found."))));
        Assert.False(ReadRetryStrategy.IsWriteRefused(new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("closed"))));
    }
}
