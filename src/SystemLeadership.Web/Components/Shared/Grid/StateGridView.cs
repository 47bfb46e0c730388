namespace SystemLeadership.Web.Components.Shared.Grid;

/// <summary>
/// A grid of records that each have a state, as its address carries the view (?q=&amp;state=&amp;sort=&amp;desc=&amp;page=&amp;size=),
/// read leniently: an unknown state or sort is read as absent. <paramref name="Sorts"/> are the grid's sort keys.
/// </summary>
public abstract record StateGridView<TState>(string? Q, string? State, string? Sort, string? Desc, string? Page, string? Size, IReadOnlyList<string> Sorts)
    : GridView(Q, Sort, Desc, Page, Size, Sorts)
    where TState : struct, Enum
{
    public TState? ParsedState => Enum.TryParse<TState>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>The state the grid filters by: the one asked for, unless the grid does not offer it.</summary>
    public virtual TState? AppliedState => ParsedState;

    /// <summary>A grid's filters beyond the search and the state, as they travel in its address.</summary>
    protected virtual IEnumerable<KeyValuePair<string, object?>> MoreFilters => [];

    protected sealed override IEnumerable<KeyValuePair<string, object?>> Filters => [new("state", AppliedState?.ToString()), .. MoreFilters];
}
