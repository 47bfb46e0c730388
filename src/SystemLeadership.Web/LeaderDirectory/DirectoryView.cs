using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.LeaderDirectory;

namespace SystemLeadership.Web.LeaderDirectory;

/// <summary>
/// A directory search as its address carries it (?designation=SLE&amp;specialism=Maths&amp;near=LS1+4AP&amp;page=2), so a
/// search can be shared as a link. Unknown values are dropped rather than refused: a hand-edited link still searches.
/// </summary>
public sealed record DirectoryView(
    string? Designation = null, string? Specialism = null, string? Phase = null, string? Region = null, string? La = null,
    string? Near = null, int? Page = null, int? Size = null)
{
    public DesignationType? Type => PublicDirectory.Designations.FirstOrDefault(d => string.Equals(d.Code, Designation?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } found
        ? found.Type : null;

    public string? TypeCode => Type is { } type ? PublicDirectory.Designations.First(d => d.Type == type).Code : null;

    public string? KnownSpecialism => Specialisms.All.FirstOrDefault(s => string.Equals(s, Specialism?.Trim(), StringComparison.OrdinalIgnoreCase));

    public string? KnownRegion => PublicDirectory.Regions.FirstOrDefault(r => string.Equals(r, Region?.Trim(), StringComparison.OrdinalIgnoreCase));

    public string? NearText => string.IsNullOrWhiteSpace(Near) ? null : Near.Trim();

    public DirectoryFilter Filter => new(Type, KnownSpecialism, Blank(Phase), KnownRegion, Blank(La));

    public PageRequest PageRequest => new(Page ?? 1, Size ?? PageRequest.DefaultSize);

    /// <summary>Whether anything at all was asked: a bare /directory shows the form and everyone, by name.</summary>
    public bool IsSearch => Filter != new DirectoryFilter() || NearText is not null;

    public Dictionary<string, object?> Query(int? page = null, int? size = null, string? near = null) => new()
    {
        ["designation"] = TypeCode,
        ["specialism"] = KnownSpecialism,
        ["phase"] = Blank(Phase),
        ["region"] = KnownRegion,
        ["la"] = Blank(La),
        ["near"] = near ?? NearText,
        ["page"] = page is > 1 ? page : null,
        ["size"] = (size ?? Size) is { } s && s != PageRequest.DefaultSize ? s : null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
