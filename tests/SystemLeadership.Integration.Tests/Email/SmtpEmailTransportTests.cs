using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Integration.Tests.Email;

public class SmtpEmailTransportTests
{
    /// <summary>Just enough of an SMTP server, on a loopback port, to receive one message and hand back its DATA.</summary>
    private static async Task<string> ReceiveOneAsync(TcpListener listener, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost ESMTP");
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 localhost"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync(ct) is { } body && body != ".") data.AppendLine(body);
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return data.ToString();
                default: await writer.WriteLineAsync("250 ok"); break;
            }
        }
        return data.ToString();
    }

    [Fact]
    public async Task An_email_goes_over_smtp_as_plain_text_from_the_configured_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = ReceiveOneAsync(listener, timeout.Token);
        var transport = new SmtpEmailTransport(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            UseStartTls = false,
        }));
        var email = new OutboxEmail("ada@example.org", "Your reference request", "Please follow the link.", DateTimeOffset.UtcNow);

        await transport.SendAsync(email, timeout.Token);
        var message = await received;

        Assert.Contains("From: SystemLeadership <no-reply@systemleadership.local>", message);
        Assert.Contains("To: ada@example.org", message);
        Assert.Contains("Subject: Your reference request", message);
        Assert.Contains("Content-Type: text/plain", message);
        Assert.Contains($"Message-Id: <{email.Id:N}@systemleadership.local>", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Please follow the link.", message);
    }
}
