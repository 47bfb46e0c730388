namespace SystemLeadership.Infrastructure.Schools;

/// <summary>What an import did. When <see cref="Errors"/> is not empty nothing was written and every count is zero.</summary>
public sealed record SchoolImportResult(int Added, int Updated, int Unchanged, int SkippedClosed, IReadOnlyList<SchoolImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Every school row in the file, whatever became of it.</summary>
    public int Read => Added + Updated + Unchanged + SkippedClosed;

    public static SchoolImportResult Failed(IReadOnlyList<SchoolImportError> errors) => new(0, 0, 0, 0, errors);
}

/// <summary>A problem in the file: <see cref="Line"/> is the physical line (the header is line 1).</summary>
public sealed record SchoolImportError(int Line, string Reason)
{
    public override string ToString() => $"Line {Line}: {Reason}";
}

/// <summary>Where an import has got: reading (rows so far, and how much of the file), then writing the schools to keep.</summary>
public sealed record SchoolImportProgress(SchoolImportStage Stage, int RowsRead, double FractionRead, int ToWrite = 0);

public enum SchoolImportStage
{
    Reading,
    Writing,
}
