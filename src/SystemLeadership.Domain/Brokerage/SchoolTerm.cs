using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Domain.Brokerage;

public enum TermName
{
    Autumn,
    Spring,
    Summer,
}

/// <summary>
/// A school term as capacity and claims count it: autumn 1 September–31 December, spring 1 January–31 March,
/// summer 1 April–31 August. Fixed dates rather than each school's calendar, so every party counts the same way.
/// </summary>
public readonly record struct SchoolTerm(int AcademicYearStart, TermName Name) : IComparable<SchoolTerm>
{
    public static SchoolTerm Of(DateOnly date) => date.Month switch
    {
        >= 9 => new(date.Year, TermName.Autumn),
        <= 3 => new(date.Year - 1, TermName.Spring),
        _ => new(date.Year - 1, TermName.Summer),
    };

    public DateOnly Start => Name switch
    {
        TermName.Autumn => new(AcademicYearStart, 9, 1),
        TermName.Spring => new(AcademicYearStart + 1, 1, 1),
        _ => new(AcademicYearStart + 1, 4, 1),
    };

    public DateOnly End => Name switch
    {
        TermName.Autumn => new(AcademicYearStart, 12, 31),
        TermName.Spring => new(AcademicYearStart + 1, 3, 31),
        _ => new(AcademicYearStart + 1, 8, 31),
    };

    public SchoolTerm Next => Name switch
    {
        TermName.Autumn => new(AcademicYearStart, TermName.Spring),
        TermName.Spring => new(AcademicYearStart, TermName.Summer),
        _ => new(AcademicYearStart + 1, TermName.Autumn),
    };

    /// <summary>"2026-27 Autumn": stored as the key of capacity commitments and claims.</summary>
    public string Key => $"{AcademicYearStart}-{(AcademicYearStart + 1) % 100:00} {Name}";

    public override string ToString() => $"{Name} term {AcademicYearStart}–{(AcademicYearStart + 1) % 100:00}";

    public int CompareTo(SchoolTerm other) => (AcademicYearStart, (int)Name).CompareTo((other.AcademicYearStart, (int)other.Name));

    public static bool operator <(SchoolTerm left, SchoolTerm right) => left.CompareTo(right) < 0;
    public static bool operator >(SchoolTerm left, SchoolTerm right) => left.CompareTo(right) > 0;
    public static bool operator <=(SchoolTerm left, SchoolTerm right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SchoolTerm left, SchoolTerm right) => left.CompareTo(right) >= 0;

    /// <summary>Reads a key like "2026-27 Autumn" typed into a link; false for anything else, never an exception.</summary>
    public static bool TryParse(string? key, out SchoolTerm term)
    {
        term = default;
        var parts = key?.Split(' ');
        if (parts is not [{ Length: >= 4 } year, var name]
            || !int.TryParse(year[..4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            || start is < 1990 or > 2200
            || !Enum.TryParse<TermName>(name, ignoreCase: false, out var termName) || !Enum.IsDefined(termName)
            || int.TryParse(name, out _))
            return false;
        term = new SchoolTerm(start, termName);
        return term.Key == key;
    }

    public static SchoolTerm Parse(string key)
    {
        var parts = key.Split(' ');
        return new(int.Parse(parts[0][..4], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<TermName>(parts[1]));
    }

    /// <summary>
    /// Spreads a commitment of half days over the terms its dates touch, in proportion to the calendar days in each
    /// (largest remainder, so the parts add up exactly).
    /// </summary>
    public static IReadOnlyList<(SchoolTerm Term, int HalfDays)> Spread(DateOnly start, DateOnly end, int halfDays)
    {
        if (end < start) throw new ArgumentException("The end is before the start.", nameof(end));
        List<(SchoolTerm Term, int Days)> spans = [];
        for (var term = Of(start); term.Start <= end; term = term.Next)
        {
            var from = term.Start > start ? term.Start : start;
            var to = term.End < end ? term.End : end;
            spans.Add((term, to.DayNumber - from.DayNumber + 1));
        }
        var parts = Money.Allocate(halfDays, spans.Select(s => s.Days).ToList());
        return spans.Select((s, i) => (s.Term, (int)parts[i])).Where(p => p.Item2 > 0).ToList();
    }
}

/// <summary>A leader's time across terms: what they offer and what agreed deployments already hold.</summary>
public static class Capacity
{
    /// <summary>Free half days in a term; never negative.</summary>
    public static int Free(int capacityHalfDaysPerTerm, int committedHalfDays) =>
        Math.Max(0, capacityHalfDaysPerTerm - committedHalfDays);

    /// <summary>The terms in which a new commitment would go over the leader's capacity, with how far over (half days).</summary>
    public static IReadOnlyList<(SchoolTerm Term, int OverBy)> Shortfalls(
        int capacityHalfDaysPerTerm,
        IReadOnlyDictionary<SchoolTerm, int> committed,
        IReadOnlyList<(SchoolTerm Term, int HalfDays)> wanted) =>
        wanted
            .Select(w => (w.Term, OverBy: committed.GetValueOrDefault(w.Term) + w.HalfDays - capacityHalfDaysPerTerm))
            .Where(s => s.OverBy > 0)
            .ToList();
}
