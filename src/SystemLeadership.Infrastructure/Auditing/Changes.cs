using SystemLeadership.Domain.Common;
namespace SystemLeadership.Infrastructure.Auditing;

/// <summary>The clock for use cases that are handed it by DI, and the <see cref="ChangeRecorder"/> for each change they make.</summary>
public sealed class Changes(TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();
    public DateOnly Today => UkTime.Today(clock);

    /// <summary>The recorder for a change written on this context into this tenant.</summary>
    public ChangeRecorder For(Data.AppDbContext db, Guid tenantId) => new(db, clock, tenantId);
}
