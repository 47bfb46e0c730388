using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Designations;

/// <summary>The applications grid's view as its address carries it (?q=&amp;state=&amp;scheme=&amp;unmet=&amp;sort=&amp;desc=&amp;page=&amp;size=).</summary>
public sealed record ApplicationsView(string? Q = null, string? State = null, string? Scheme = null, string? Unmet = null, string? Sort = null,
    string? Desc = null, string? Page = null, string? Size = null)
    : StateGridView<ApplicationState>(Q, State, Sort, Desc, Page, Size, ApplicationGrid.Sorts)
{
    /// <summary>Every state but draft: a draft is its applicant's alone.</summary>
    public static readonly IReadOnlyList<ApplicationState> States = Enum.GetValues<ApplicationState>().Where(s => s != ApplicationState.Draft).ToList();

    public string? SchemeName => string.IsNullOrWhiteSpace(Scheme) ? null : Scheme.Trim();

    public bool UnmetOnly => QueryValue.Flag(Unmet) == true;

    /// <summary>A draft is never offered: "?state=Draft" is read as any state, and not carried into the grid's links.</summary>
    public override ApplicationState? AppliedState => ParsedState is { } s && States.Contains(s) ? s : null;

    public ApplicationFilter Filter => new(AppliedState, SchemeName, Search, UnmetOnly);

    protected override IEnumerable<KeyValuePair<string, object?>> MoreFilters =>
        [new("scheme", SchemeName), new("unmet", UnmetOnly ? "true" : null)];
}
