using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Email;

public class EmailRegistrationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<AppDbContext>>(new FixtureContexts(db));
        services.AddSystemLeadershipEmail(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_an_smtp_host_emails_go_to_the_development_mailbox()
    {
        using var provider = Build([]);
        Assert.IsType<DevelopmentMailbox>(provider.GetRequiredService<IEmailTransport>());
    }

    [Fact]
    public void With_an_smtp_host_emails_go_over_smtp_with_the_configured_options()
    {
        using var provider = Build(new()
        {
            ["Smtp:Host"] = "smtp.example.org",
            ["Smtp:Port"] = "2525",
            ["Smtp:UseStartTls"] = "false",
            ["Outbox:PollInterval"] = "00:00:30",
        });

        Assert.IsType<SmtpEmailTransport>(provider.GetRequiredService<IEmailTransport>());
        var smtp = provider.GetRequiredService<IOptions<SmtpOptions>>().Value;
        Assert.Equal(2525, smtp.Port);
        Assert.False(smtp.UseStartTls);
        Assert.Equal("SystemLeadership <no-reply@systemleadership.local>", smtp.FromAddress);
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptions<OutboxSenderOptions>>().Value.PollInterval);
    }

    [Fact]
    public void The_hosted_sender_is_the_same_instance_that_can_be_asked_to_send_now()
    {
        using var provider = Build([]);
        var hosted = provider.GetServices<IHostedService>().OfType<OutboxSender>().Single();
        Assert.Same(provider.GetRequiredService<OutboxSender>(), hosted);
    }

    [Fact]
    public void A_batch_size_of_zero_is_refused()
    {
        using var provider = Build(new() { ["Outbox:BatchSize"] = "0" });
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OutboxSenderOptions>>().Value);
    }
}
