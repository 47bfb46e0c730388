using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Email;

/// <summary>The sender's contexts: tenant-less, as in the app, on the test class's database.</summary>
internal sealed class FixtureContexts(DatabaseFixture db) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => db.NewContext();
}

/// <summary>Stands in for the SMTP server (outside the product) and counts what it was handed, per email.</summary>
internal sealed class RecordingTransport : IEmailTransport
{
    public ConcurrentDictionary<Guid, int> Calls { get; } = new();

    public bool Fail { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>Runs while the email is with the "server", before it answers.</summary>
    public Func<OutboxEmail, Task>? OnSend { get; set; }

    /// <summary>The Message-Id header each attempt would carry.</summary>
    public ConcurrentDictionary<Guid, List<string>> MessageIds { get; } = new();

    public int TotalCalls => Calls.Values.Sum();

    /// <summary>The body each email had when it was handed over, as its recipient would read it.</summary>
    public ConcurrentDictionary<Guid, string> Bodies { get; } = new();

    public async Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        Calls.AddOrUpdate(email.Id, 1, (_, n) => n + 1);
        Bodies[email.Id] = email.TextBody;
        var ids = MessageIds.GetOrAdd(email.Id, _ => []);
        lock (ids) ids.Add(email.MessageId);
        if (OnSend is not null) await OnSend(email);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        if (Fail) throw new InvalidOperationException("SMTP server said 451 try again later");
    }
}

internal static class Senders
{
    public static OutboxSender New(DatabaseFixture db, IEmailTransport transport, FakeTimeProvider clock, int batchSize = 20) =>
        new(new FixtureContexts(db), transport, clock, Options.Create(new OutboxSenderOptions { BatchSize = batchSize }), NullLogger<OutboxSender>.Instance);
}
