using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Auditing;

/// <summary>Who did what, when, to which record, moving it from one state to another. Written in the same transaction as the change.</summary>
public sealed class AuditEntry : ITenantOwned
{
    private AuditEntry() { }

    public AuditEntry(Guid tenantId, string entityType, Guid entityId, string action, string? fromState, string? toState,
        string actorUserId, string actorName, DateTimeOffset at, string? detail = null)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        FromState = fromState;
        ToState = toState;
        ActorUserId = actorUserId;
        ActorName = actorName;
        At = at;
        Detail = detail;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string EntityType { get; private set; } = "";
    public Guid EntityId { get; private set; }
    public string Action { get; private set; } = "";
    public string? FromState { get; private set; }
    public string? ToState { get; private set; }
    /// <summary>The Identity user id, or a label such as "referee:jo@school.org" for people without accounts.</summary>
    public string ActorUserId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? Detail { get; private set; }
}
