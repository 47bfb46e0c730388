using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Auditing;

/// <summary>The audit trail's view as its address carries it (?q=&amp;kind=&amp;sort=&amp;desc=&amp;page=&amp;size=).</summary>
public sealed record AuditView(string? Q = null, string? Kind = null, string? Sort = null, string? Desc = null, string? Page = null, string? Size = null)
    : GridView(Q, Sort, Desc, Page, Size, AuditTrail.Sorts)
{
    /// <summary>The kind of record asked for, if it is one the trail names; any other is read as absent.</summary>
    public string? AppliedKind => Kind is not null && AuditTrail.Kinds.ContainsKey(Kind) ? Kind : null;

    public AuditFilter Filter => new(AppliedKind, Search);

    protected override IEnumerable<KeyValuePair<string, object?>> Filters => [new("kind", AppliedKind)];
}
