using System.Text.RegularExpressions;

namespace SystemLeadership.Domain.Messaging;

/// <summary>
/// An email waiting to be sent. Written in the same transaction as the change that causes it, so a crash
/// between the change and the send loses nothing. Behind row-level security like the rest: the application role inserts
/// and reads its own tenant's emails; the sender works across tenants as the mailer role.
/// </summary>
/// <remarks>
/// Sent at most once: the sender records <see cref="SendingStartedAt"/> (committed) before it hands the email to the
/// mail server, and <see cref="SentAt"/> after. An email with the first and not the second, whose sender is gone, may
/// or may not have reached the server: it is marked <see cref="InDoubt"/> and not sent again until someone decides to.
/// Once delivered, the stored body keeps no link (<see cref="MarkSent"/>): a reference or sign-in link is live, and the
/// outbox is no place to keep one after it has gone to the only person it was for.
/// </remarks>
public sealed partial class OutboxEmail
{
    private OutboxEmail() { }

    public OutboxEmail(string to, string subject, string textBody, DateTimeOffset createdAt, Guid? tenantId = null)
    {
        if (string.IsNullOrWhiteSpace(to)) throw new ArgumentException("An email needs a recipient.", nameof(to));
        Id = Guid.NewGuid();
        To = to.Trim();
        Subject = subject;
        TextBody = textBody;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        TenantId = tenantId;
    }

    public Guid Id { get; private set; }
    public Guid? TenantId { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>When a sender last committed that it was about to hand this email to the mail server.</summary>
    public DateTimeOffset? SendingStartedAt { get; private set; }

    /// <summary>When the email was found handed over (or about to be) by a sender that stopped before recording the outcome.</summary>
    public DateTimeOffset? DeliveryInDoubtAt { get; private set; }

    public const int MaxAttempts = 8;

    public const string InDoubtError = "Delivery not confirmed: the sender stopped between sending and recording it.";

    /// <summary>The Message-Id header: derived from the row's id, so every attempt at this email carries the same one.</summary>
    public string MessageId => $"{Id:N}@systemleadership.local";

    public bool GaveUp => SentAt is null && DeliveryInDoubtAt is null && Attempts >= MaxAttempts;

    public bool InDoubt => SentAt is null && DeliveryInDoubtAt is not null;

    /// <summary>Handed to the mail server (or about to be) and the outcome not yet recorded.</summary>
    public bool Sending => SentAt is null && DeliveryInDoubtAt is null && SendingStartedAt is not null;

    /// <summary>Step 1 of a send, committed before the mail server sees anything.</summary>
    public void MarkSending(DateTimeOffset at)
    {
        if (SentAt is not null || SendingStartedAt is not null || DeliveryInDoubtAt is not null)
        {
            throw new InvalidOperationException($"Email {Id} is not waiting to be sent.");
        }
        SendingStartedAt = at;
    }

    /// <summary>What stands in the stored body for each link once the email has been sent.</summary>
    public const string LinkRemoved = "[link removed once sent]";

    /// <summary>A link in an email's text: what the development mailbox makes clickable, and what sending removes.</summary>
    [GeneratedRegex(@"https?://\S+")]
    public static partial Regex Link();

    /// <summary>
    /// Sent: recorded, and, once it has left for its recipient (<paramref name="delivered"/>), the body's links removed:
    /// the recipient has them; the outbox need not. A mailbox that only keeps the row (development) keeps them.
    /// </summary>
    public void MarkSent(DateTimeOffset at, bool delivered = true)
    {
        SentAt = at;
        if (delivered) TextBody = Link().Replace(TextBody, LinkRemoved);
        Attempts++;
        LastError = null;
        DeliveryInDoubtAt = null;
    }

    /// <summary>Exponential back-off: 1, 2, 4 … minutes, so a mail server that is down for a while is not hammered.</summary>
    public void MarkFailed(DateTimeOffset at, string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        NextAttemptAt = at.AddMinutes(Math.Pow(2, Attempts - 1));
        SendingStartedAt = null;
    }

    /// <summary>The sender stopped after step 1 and before recording the outcome: counted as an attempt, never retried by itself.</summary>
    public void MarkInDoubt(DateTimeOffset at)
    {
        if (!Sending) throw new InvalidOperationException($"Email {Id} is not being sent.");
        Attempts++;
        DeliveryInDoubtAt = at;
        LastError = InDoubtError;
    }

    /// <summary>Only an email in doubt or given up can be sent again, and only by someone's decision.</summary>
    public bool CanSendAgain => InDoubt || GaveUp;

    /// <summary>
    /// A person's decision (a College administrator's) to send an email in doubt or given up once more: due now, with at
    /// least one attempt left. It keeps its Message-Id, so a receiving server that did get it the first time can tell.
    /// </summary>
    public void SendAgain(DateTimeOffset at)
    {
        if (!CanSendAgain) throw new InvalidOperationException($"Email {Id} is neither in doubt nor given up.");
        SendingStartedAt = null;
        DeliveryInDoubtAt = null;
        LastError = null;
        NextAttemptAt = at;
        Attempts = Math.Min(Attempts, MaxAttempts - 1);
    }
}
