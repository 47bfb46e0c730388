using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Web.College;

/// <summary>
/// A register's view as its address carries it (?q=&amp;state=&amp;expiring=&amp;flagged=&amp;sort=&amp;desc=&amp;page=&amp;size=),
/// the national one's or an alliance's own, read the same way by the page and by its CSV and XLSX downloads, so a
/// download holds what the page was filtered to.
/// </summary>
public sealed record RegisterView(string? Q = null, string? State = null, bool? Expiring = null, string? Sort = null, bool? Desc = null, int? Page = null, int? Size = null,
    bool? Flagged = null)
{
    public RegisterFilter Filter => new(ParsedState, string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), Expiring == true, Flagged == true);

    public PageRequest PageRequest => new(Page ?? 1, Size ?? PageRequest.DefaultSize, SortKey, Desc == true);

    public string? SortKey => Sort is not null && NationalRegister.Sorts.Contains(Sort) ? Sort : null;

    public DesignationState? ParsedState => Enum.TryParse<DesignationState>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>The query string of this view, changed as given (null removes a parameter).</summary>
    public Dictionary<string, object?> Query(string? sort = null, bool? desc = null, int? page = null, int? size = null, bool keepPage = true) => new()
    {
        ["q"] = Filter.Search,
        ["state"] = ParsedState?.ToString(),
        ["expiring"] = Filter.ExpiringSoonOnly ? "true" : null,
        ["flagged"] = Filter.FlaggedOnly ? "true" : null,
        ["sort"] = sort ?? SortKey,
        ["desc"] = (desc ?? Desc) == true ? "true" : null,
        ["page"] = page ?? (keepPage && Page > 1 ? Page : null),
        ["size"] = (size ?? Size) is { } s && s != PageRequest.DefaultSize ? s : null,
    };
}
