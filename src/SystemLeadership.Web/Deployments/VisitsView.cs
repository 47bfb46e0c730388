using SystemLeadership.Domain.Deployments;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Deployments;

/// <summary>The visits grid's view as its address carries it (?q=&amp;state=&amp;sort=&amp;desc=&amp;page=&amp;size=).</summary>
public sealed record VisitsView(string? Q = null, string? State = null, string? Sort = null, string? Desc = null, string? Page = null, string? Size = null)
    : StateGridView<VisitState>(Q, State, Sort, Desc, Page, Size, VisitGrid.Sorts)
{
    public VisitFilter Filter => new(AppliedState, Search);
}
