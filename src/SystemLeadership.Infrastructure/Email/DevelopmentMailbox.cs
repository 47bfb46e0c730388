using System.Collections.Concurrent;
using SystemLeadership.Domain.Messaging;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// Used when no SMTP host is configured: "sending" succeeds and keeps a copy, as a mail server would, for the /dev/mail
/// page. The outbox row loses its links once sent (<see cref="OutboxEmail.MarkSent"/>); the copy is what the recipient
/// would have. Held in this process only, and only the newest <see cref="Kept"/>.
/// </summary>
public sealed class DevelopmentMailbox : IEmailTransport
{
    public const int Kept = 500;

    private readonly ConcurrentDictionary<Guid, string> _bodies = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        if (_bodies.TryAdd(email.Id, email.TextBody)) _order.Enqueue(email.Id);
        while (_order.Count > Kept && _order.TryDequeue(out var oldest)) _bodies.TryRemove(oldest, out _);
        return Task.CompletedTask;
    }

    /// <summary>The body as delivered, links and all; null when this process did not deliver it (or has let it go).</summary>
    public string? Delivered(Guid emailId) => _bodies.GetValueOrDefault(emailId);
}
