using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Telemetry;

namespace SystemLeadership.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Options, the transport (SMTP when "Smtp:Host" is set, otherwise the development mailbox) and the hosted sender.
    /// The host must register an <c>IDbContextFactory&lt;AppDbContext&gt;</c> resolvable from the root provider whose
    /// contexts carry no tenant: the outbox is a system table and the sender works across tenants.
    /// </summary>
    public static IServiceCollection AddSystemLeadershipEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var smtp = configuration.GetSection(SmtpOptions.SectionName);
        services.Configure<SmtpOptions>(smtp);
        // A batch size of 0 would make the drain loop spin; fail at start-up instead.
        services.AddOptions<OutboxSenderOptions>()
            .Bind(configuration.GetSection(OutboxSenderOptions.SectionName))
            .PostConfigure(o => o.MailerRole = DatabaseRoles.FromConfiguration(configuration).Mailer)
            .Validate(o => o.BatchSize > 0 && o.PollInterval > TimeSpan.Zero, "Outbox:BatchSize and Outbox:PollInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OutboxReader>();
        ProductMetrics.AddTo(services);

        if (string.IsNullOrWhiteSpace(smtp[nameof(SmtpOptions.Host)]))
        {
            services.AddSingleton<IEmailTransport, DevelopmentMailbox>();
        }
        else
        {
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }

        // One instance, both resolvable directly (to send now) and run as the hosted loop.
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
