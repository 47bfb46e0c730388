using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SystemLeadership.Domain.Messaging;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>Sends over SMTP with MailKit: one connection per email, which is plenty at this volume and never goes stale.</summary>
public sealed class SmtpEmailTransport(IOptions<SmtpOptions> options) : IEmailTransport
{
    private readonly SmtpOptions _options = options.Value;

    public async Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.TextBody };
        // Stable across retries, so a resend after a lost acknowledgement can be recognised as the same message.
        message.MessageId = email.MessageId;

        using var client = new SmtpClient();
        // Port 465 is TLS from the first byte; otherwise no STARTTLS means a plain local relay (smtp4dev, MailHog).
        var security = _options.UseStartTls ? SecureSocketOptions.StartTls
            : _options.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.None;
        var host = _options.Host ?? throw new InvalidOperationException("Smtp:Host is not configured.");
        await client.ConnectAsync(host, _options.Port, security, ct);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        // The server has accepted it: failing to say goodbye must not read as "not sent" and send it again.
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
        }
    }
}
