using System.Collections.Concurrent;

namespace SystemLeadership.Web.Security;

/// <summary>
/// Sign-in attempts per account, whatever address they come from: a sliding window of the last attempts for each email.
/// Guessing one person's password from many addresses is slowed as much as from one. Kept in this node's memory (a
/// second node keeps its own window, so the budget is per node); Identity's lockout still stands behind it.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, int attempts = SignInThrottle.DefaultAttempts, TimeSpan? window = null)
{
    public const int DefaultAttempts = 10;

    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _attempts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts an attempt for this email; false when the account has had its attempts in the window.</summary>
    public bool TryAttempt(string email)
    {
        var now = clock.GetUtcNow();
        var queue = _attempts.GetOrAdd(email.Trim(), _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() >= _window) queue.Dequeue();
            if (queue.Count >= attempts) return false;
            queue.Enqueue(now);
        }
        if (_attempts.Count > 100_000) Sweep(now);
        return true;
    }

    // A flood of made-up emails must not grow memory without end: forget windows that have emptied.
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (email, queue) in _attempts)
        {
            lock (queue)
            {
                if (queue.Count == 0 || now - queue.Last() >= _window) _attempts.TryRemove(email, out _);
            }
        }
    }
}
