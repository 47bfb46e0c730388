using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Brokerage;

/// <summary>The requests grid's view as its address carries it (?q=&amp;state=&amp;sort=&amp;desc=&amp;page=&amp;size=).</summary>
public sealed record CommissionsView(string? Q = null, string? State = null, string? Sort = null, string? Desc = null, string? Page = null, string? Size = null)
    : StateGridView<CommissionState>(Q, State, Sort, Desc, Page, Size, CommissionGrid.Sorts)
{
    public CommissionFilter Filter => new(AppliedState, Search);
}
