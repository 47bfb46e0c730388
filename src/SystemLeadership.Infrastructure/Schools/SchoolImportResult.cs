namespace SystemLeadership.Infrastructure.Schools;

/// <summary>What an import did. When <see cref="Errors"/> is not empty nothing was written and every count is zero.</summary>
public sealed record SchoolImportResult(int Added, int Updated, int Unchanged, int SkippedClosed, IReadOnlyList<SchoolImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static SchoolImportResult Failed(IReadOnlyList<SchoolImportError> errors) => new(0, 0, 0, 0, errors);
}

/// <summary>A problem in the file: <see cref="Line"/> is the physical line (the header is line 1).</summary>
public sealed record SchoolImportError(int Line, string Reason)
{
    public override string ToString() => $"Line {Line}: {Reason}";
}
