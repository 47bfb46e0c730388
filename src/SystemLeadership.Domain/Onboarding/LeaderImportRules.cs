using System.Globalization;
using System.Text.RegularExpressions;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Onboarding;

/// <summary>One row of an alliance's spreadsheet of the leaders it designated before it came here, as typed.</summary>
public sealed record LeaderImportInput(
    int Line, string? Name, string? Email, string? Designation, string? Specialisms, string? SchoolUrn,
    string? StartDate, string? EndDate, string? DaysATerm, string? HeadteacherName = null, string? HeadteacherEmail = null);

/// <summary>A row that passed every check: what will be created from it.</summary>
public sealed record LeaderImportRow(
    int Line, string Name, string Email, SchemeDefinition Scheme, Guid? SchemeId, IReadOnlyList<string> Specialisms, int SchoolUrn,
    DateOnly Start, DateOnly? End, int HalfDaysPerTerm, string? HeadteacherName, string? HeadteacherEmail);

/// <summary>A problem with one cell of the file (line 1 is the header), or with the file itself (column null).</summary>
public sealed record ImportProblem(int Line, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"Line {Line}: {Message}" : $"Line {Line}, {Column}: {Message}";
}

/// <summary>A designation the alliance makes, as an import names it (by short name, e.g. SLE, or full name).</summary>
public sealed record OfferedScheme(SchemeDefinition Definition, Guid? SchemeId);

/// <summary>
/// The rules a row of an onboarding spreadsheet must meet before anything is written: who, which of the alliance's
/// designations, which DfE areas, which school, when, and how many days a term. Every problem is named with its line
/// and column. Only current designations are brought in (an ended one belongs in the alliance's own records).
/// </summary>
public static partial class LeaderImportRules
{
    public const int MaxRows = 5_000;

    public static readonly IReadOnlyList<string> Columns =
        ["Name", "Email", "Designation", "Specialisms", "School URN", "Start date", "End date", "Days a term", "Headteacher name", "Headteacher email"];

    public static readonly IReadOnlyList<string> RequiredColumns = ["Name", "Email", "Designation", "School URN", "Start date", "Days a term"];

    /// <summary>What a sign-in name may hold (Identity's default, which the app keeps): the email is the sign-in name.</summary>
    public const string AccountNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];

    public static (LeaderImportRow? Row, IReadOnlyList<ImportProblem> Problems) Check(LeaderImportInput input, IReadOnlyList<OfferedScheme> offered, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(offered);
        var problems = new List<ImportProblem>();
        void Problem(string column, string message) => problems.Add(new ImportProblem(input.Line, column, message));

        var name = Clean(input.Name);
        if (name is null) Problem("Name", "Enter the leader's name.");
        else if (name.Length > 200) Problem("Name", "The name must be 200 characters or fewer.");
        else if (PlainText.HasMarkup(name) || name.Any(char.IsControl)) Problem("Name", PlainText.MarkupMessage);

        var email = Clean(input.Email);
        if (email is null) Problem("Email", "Enter the leader's email address: their invitation goes to it.");
        else if (!IsEmail(email)) Problem("Email", $"'{Short(email)}' is not an email address.");
        else if (email.Any(c => !AccountNameCharacters.Contains(c)))
            Problem("Email", $"'{Short(email)}' has characters an account's sign-in name cannot hold: letters, digits and - . _ @ + only.");

        var designation = Clean(input.Designation);
        var scheme = designation is null ? null : offered.FirstOrDefault(s =>
            string.Equals(s.Definition.ShortName, designation, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Definition.Name, designation, StringComparison.OrdinalIgnoreCase));
        if (designation is null) Problem("Designation", "Enter the designation, e.g. SLE.");
        else if (scheme is null) Problem("Designation", $"'{Short(designation)}' is not a designation this alliance makes: use one of {string.Join(", ", offered.Select(s => s.Definition.ShortName))}.");

        var specialisms = new List<string>();
        foreach (var part in (input.Specialisms ?? "").Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var known = Designations.Specialisms.All.FirstOrDefault(s => string.Equals(s, part, StringComparison.OrdinalIgnoreCase));
            if (known is null) Problem("Specialisms", $"'{Short(part)}' is not one of the DfE areas of expertise.");
            else if (!specialisms.Contains(known)) specialisms.Add(known);
        }
        if (scheme is not null && NeedsSpecialism(scheme.Definition) && specialisms.Count == 0 && !problems.Any(p => p.Column == "Specialisms"))
            Problem("Specialisms", $"An {scheme.Definition.ShortName} needs at least one area of expertise (separate several with ;).");

        var urnText = Clean(input.SchoolUrn);
        int? urn = null;
        if (urnText is null) Problem("School URN", "Enter the URN of the leader's school.");
        else if (!int.TryParse(urnText, NumberStyles.None, CultureInfo.InvariantCulture, out var u) || u < 100_000 || u > 9_999_999) Problem("School URN", $"'{Short(urnText)}' is not a URN (6 or 7 digits).");
        else urn = u;

        var start = Date(input.StartDate, "Start date", required: true, Problem);
        if (start is { } s && s > today) Problem("Start date", "The start date is in the future: import designations that have begun.");
        var end = Date(input.EndDate, "End date", required: false, Problem);
        if (start is { } from && scheme is not null && end is null && Clean(input.EndDate) is null) end = scheme.Definition.EndDateFor(from);
        if (start is { } s2 && end is { } e && e < s2) Problem("End date", "The end date is before the start date.");
        else if (end is { } ended && ended < today) Problem("End date", $"This designation ended on {ended:dd/MM/yyyy}: only current designations are imported.");

        int? halfDays = null;
        var daysText = Clean(input.DaysATerm);
        if (daysText is null) Problem("Days a term", "Enter the days a term the leader's school can release them (0 if none).");
        else if (!decimal.TryParse(daysText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days) || days < 0 || days > 60 || days * 2 != decimal.Truncate(days * 2))
            Problem("Days a term", $"'{Short(daysText)}' is not a number of days between 0 and 60 (halves allowed, e.g. 7.5).");
        else halfDays = (int)(days * 2);

        var headName = Clean(input.HeadteacherName);
        var headEmail = Clean(input.HeadteacherEmail);
        if (headName is { Length: > 200 } || PlainText.HasMarkup(headName)) Problem("Headteacher name", "Use plain text of 200 characters or fewer.");
        if (headEmail is not null && !IsEmail(headEmail)) Problem("Headteacher email", $"'{Short(headEmail)}' is not an email address.");

        if (problems.Count > 0) return (null, problems);
        return (new LeaderImportRow(input.Line, name!, email!, scheme!.Definition, scheme.SchemeId, specialisms, urn!.Value, start!.Value, end,
            halfDays!.Value, headName, headEmail), []);
    }

    /// <summary>The same person and designation twice in one file: the later line is named.</summary>
    public static IEnumerable<ImportProblem> Repeats(IEnumerable<LeaderImportRow> rows) =>
        rows.GroupBy(r => (Email: r.Email.ToUpperInvariant(), r.Scheme.ShortName))
            .SelectMany(g => g.Skip(1).Select(r => new ImportProblem(r.Line, "Email",
                $"{r.Email} is already on line {g.First().Line} with the same designation ({r.Scheme.ShortName}).")));

    private static bool NeedsSpecialism(SchemeDefinition scheme) =>
        scheme.Type is DesignationType.SpecialistLeaderOfEducation or DesignationType.AllianceSystemLeader;

    private static DateOnly? Date(string? text, string column, bool required, Action<string, string> problem)
    {
        var value = Clean(text);
        if (value is null)
        {
            if (required) problem(column, "Enter the date as dd/mm/yyyy.");
            return null;
        }
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        // A spreadsheet date cell read as a date and time ("01/09/2024 00:00:00").
        if (DateTime.TryParseExact(value, "dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at.TimeOfDay == TimeSpan.Zero)
            return DateOnly.FromDateTime(at);
        problem(column, $"'{Short(value)}' is not a date: use dd/mm/yyyy, e.g. 01/09/2024.");
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static bool IsEmail(string email) => Common.EmailAddress.IsValid(email);
}
