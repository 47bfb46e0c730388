using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Reimbursement;

/// <summary>The claims list's view as its address carries it (?q=&amp;state=&amp;term=&amp;sort=&amp;desc=&amp;page=&amp;size=).</summary>
public sealed record ClaimsView(string? Q = null, string? State = null, string? Term = null, string? Sort = null, string? Desc = null, string? Page = null,
    string? Size = null)
    : StateGridView<ClaimState>(Q, State, Sort, Desc, Page, Size, ClaimViews.Sorts)
{
    /// <summary>A term as the claims key it ("2026-27 Autumn"); anything else is read as absent.</summary>
    public string? AppliedTerm => Domain.Brokerage.SchoolTerm.TryParse(Term, out _) ? Term : null;

    public ClaimFilter Filter => new(AppliedState, AppliedTerm, Search);

    protected override IEnumerable<KeyValuePair<string, object?>> MoreFilters => [new("term", AppliedTerm)];
}
