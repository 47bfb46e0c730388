using Npgsql;
using SystemLeadership.Web.Hosting;

namespace SystemLeadership.Web.Tests.Hosting;

/// <summary>
/// The app's connections go back to the pool without DISCARD ALL and prepare the statements they send often, unless its
/// connection string says otherwise.
/// </summary>
public class PooledConnectionTests
{
    [Fact]
    public void A_configured_connection_string_is_pooled_without_a_reset_and_keeps_everything_else()
    {
        var pooled = new NpgsqlConnectionStringBuilder(DatabaseConnections.Pooled("Host=db1,db2;Database=systemleadership;Username=app;Target Session Attributes=primary"));

        Assert.True(pooled.NoResetOnClose);
        Assert.Equal(DatabaseConnections.AutoPrepared, pooled.MaxAutoPrepare);
        Assert.Equal(("db1,db2", "systemleadership", "app"), (pooled.Host, pooled.Database, pooled.Username));
        Assert.Equal("primary", pooled.TargetSessionAttributes);
    }

    [Fact]
    public void An_operator_who_asks_for_the_reset_keeps_it()
    {
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseConnections.Pooled("Host=db;No Reset On Close=false")).NoResetOnClose);
    }

    [Fact]
    public void An_operator_behind_a_pooler_that_cannot_carry_prepared_statements_can_switch_them_off()
    {
        var pooled = new NpgsqlConnectionStringBuilder(DatabaseConnections.Pooled("Host=pgbouncer;Max Auto Prepare=0"));

        Assert.Equal(0, pooled.MaxAutoPrepare);
        Assert.True(pooled.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=pgbouncer;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("Host=pgbouncer;max auto prepare=0;no reset on close=false")]
    public void An_operators_settings_are_kept_however_the_keys_are_spelt(string connectionString)
    {
        var pooled = new NpgsqlConnectionStringBuilder(DatabaseConnections.Pooled(connectionString));

        Assert.Equal(0, pooled.MaxAutoPrepare);
        Assert.False(pooled.NoResetOnClose);
    }
}
