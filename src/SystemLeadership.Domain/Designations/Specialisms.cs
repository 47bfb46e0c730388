namespace SystemLeadership.Domain.Designations;

/// <summary>The DfE areas of expertise for SLEs (seed 001), in their four groups.</summary>
public static class Specialisms
{
    public static readonly IReadOnlyList<SpecialismGroup> Groups =
    [
        new("Leadership and management",
        [
            "Academies and academy transition", "Assessment", "Leadership of CPD",
            "School business management and financial management", "Leadership of curriculum",
        ]),
        new("Pupil achievement",
        [
            "Art", "Closing the gap", "Drama", "Design and technology", "Early years", "English", "Geography", "History",
            "ICT", "Maths", "Modern foreign languages", "Music", "Phonics", "Physical education", "PSHE",
            "Religious education", "Science", "Special educational needs", "Support for the most able pupils",
        ]),
        new("Quality of teaching", ["Initial teacher training and newly qualified teacher development"]),
        new("Behaviour and safety", ["Behaviour and discipline", "Attendance"]),
    ];

    public static readonly IReadOnlySet<string> All =
        Groups.SelectMany(g => g.Areas).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string specialism) => All.Contains(specialism);
}

public sealed record SpecialismGroup(string Name, IReadOnlyList<string> Areas);
