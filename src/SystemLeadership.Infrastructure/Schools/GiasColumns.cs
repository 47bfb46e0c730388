namespace SystemLeadership.Infrastructure.Schools;

/// <summary>The GIAS extract's header names the product reads, spelled exactly as GIAS spells them.</summary>
public static class GiasColumns
{
    public const string Urn = "URN";
    public const string EstablishmentName = "EstablishmentName";
    public const string LaCode = "LA (code)";
    public const string LaName = "LA (name)";
    public const string EstablishmentNumber = "EstablishmentNumber";
    public const string TypeOfEstablishment = "TypeOfEstablishment (name)";
    public const string EstablishmentTypeGroup = "EstablishmentTypeGroup (name)";
    public const string EstablishmentStatus = "EstablishmentStatus (name)";
    public const string OpenDate = "OpenDate";
    public const string CloseDate = "CloseDate";
    public const string PhaseCode = "PhaseOfEducation (code)";
    public const string Phase = "PhaseOfEducation (name)";
    public const string StatutoryLowAge = "StatutoryLowAge";
    public const string StatutoryHighAge = "StatutoryHighAge";
    public const string NumberOfPupils = "NumberOfPupils";
    public const string Trusts = "Trusts (name)";
    public const string Diocese = "Diocese (name)";
    public const string Street = "Street";
    public const string Town = "Town";
    public const string Postcode = "Postcode";
    public const string SchoolWebsite = "SchoolWebsite";
    public const string TelephoneNum = "TelephoneNum";
    public const string HeadFirstName = "HeadFirstName";
    public const string HeadLastName = "HeadLastName";
    public const string Region = "GOR (name)";
    public const string Easting = "Easting";
    public const string Northing = "Northing";
    public const string OfstedRating = "OfstedRating (name)";
    public const string OfstedLastInspection = "OfstedLastInsp";
    public const string UrbanRural = "UrbanRural (name)";

    /// <summary>Without these a row means nothing; the other columns may be absent (their values are then null).</summary>
    public static readonly IReadOnlyList<string> Required = [Urn, EstablishmentName, EstablishmentStatus];
}
