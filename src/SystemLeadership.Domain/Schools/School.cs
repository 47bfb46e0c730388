namespace SystemLeadership.Domain.Schools;

/// <summary>An establishment from Get Information about Schools, keyed by URN. National reference data: no tenant.</summary>
public sealed class School
{
    public int Urn { get; set; }
    public string Name { get; set; } = "";
    public string? LaCode { get; set; }
    public string? LaName { get; set; }
    public string? EstablishmentNumber { get; set; }
    public string? TypeOfEstablishment { get; set; }
    public string? EstablishmentTypeGroup { get; set; }
    public string Status { get; set; } = "";
    public DateOnly? OpenDate { get; set; }
    public DateOnly? CloseDate { get; set; }
    public string? PhaseCode { get; set; }
    public string? Phase { get; set; }
    public int? StatutoryLowAge { get; set; }
    public int? StatutoryHighAge { get; set; }
    public int? NumberOfPupils { get; set; }
    public string? Trust { get; set; }
    public string? Diocese { get; set; }
    public string? Street { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? Website { get; set; }
    public string? Telephone { get; set; }
    public string? HeadFirstName { get; set; }
    public string? HeadLastName { get; set; }
    public string? Region { get; set; }
    public int? Easting { get; set; }
    public int? Northing { get; set; }
    public string? OfstedRating { get; set; }
    public DateOnly? OfstedLastInspection { get; set; }
    public string? UrbanRural { get; set; }

    /// <summary>
    /// Open on the day: not "Closed", and any close date still ahead. "Open, but proposed to close" is open until its
    /// close date, and so is any school whose close date has not yet come.
    /// </summary>
    public bool IsOpenOn(DateOnly day) =>
        !Status.StartsWith("Closed", StringComparison.OrdinalIgnoreCase) && (CloseDate is not { } closes || closes > day);

    /// <summary>Straight-line metres on the British National Grid; null when either school has no grid reference.</summary>
    public double? DistanceTo(School other) =>
        Easting is { } e1 && Northing is { } n1 && other.Easting is { } e2 && other.Northing is { } n2
            ? Math.Sqrt(Math.Pow(e1 - e2, 2) + Math.Pow(n1 - n2, 2))
            : null;
}
