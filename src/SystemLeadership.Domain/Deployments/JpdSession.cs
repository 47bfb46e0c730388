using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Deployments;

/// <summary>
/// A joint practice development group session a system leader facilitated (004: the alliance pays "for facilitating
/// joint practice development groups"), recorded by a broker once it has happened: claimable for the leader's school at
/// the leader's rate, like deployment days, and never twice.
/// </summary>
public sealed class JpdSession : ITenantOwned
{
    public const int TopicMaxLength = 200;

    private JpdSession() { }

    public JpdSession(Guid tenantId, LeaderProfile leader, int dayRatePence, string topic, DateOnly date, int halfDays, decimal? hours,
        IReadOnlyList<(int Urn, string Name)> schools, string recordedByName, DateTimeOffset at, Guid? requestKey = null)
    {
        if (halfDays <= 0) throw new ArgumentOutOfRangeException(nameof(halfDays), "A session lasts at least half a day.");
        if (schools.Count == 0) throw new ArgumentException("A group has schools attending.", nameof(schools));
        Id = Guid.NewGuid();
        TenantId = tenantId;
        LeaderProfileId = leader.Id;
        LeaderUserId = leader.UserId;
        LeaderName = leader.Name;
        LeaderSchoolUrn = leader.SchoolUrn;
        LeaderSchoolName = leader.SchoolName;
        DayRatePence = dayRatePence;
        Topic = topic.Trim();
        Date = date;
        HalfDays = halfDays;
        Hours = hours;
        SchoolUrns = [.. schools.Select(s => s.Urn)];
        SchoolNames = [.. schools.Select(s => s.Name)];
        RecordedByName = recordedByName;
        RecordedAt = at;
        TermKey = SchoolTerm.Of(date).Key;
        RequestKey = requestKey;
    }

    /// <summary>The key of the form that recorded it: the same form sent again (a retry after an error) records nothing more.</summary>
    public Guid? RequestKey { get; private set; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid LeaderProfileId { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public string LeaderName { get; private set; } = "";
    public int LeaderSchoolUrn { get; private set; }
    public string LeaderSchoolName { get; private set; } = "";
    public int DayRatePence { get; private set; }
    public string Topic { get; private set; } = "";
    public DateOnly Date { get; private set; }
    /// <summary>What is claimed, in half days; from the hours when the session was recorded in hours (<see cref="JpdRules.HalfDaysFor"/>).</summary>
    public int HalfDays { get; private set; }
    /// <summary>The hours the session lasted, when it was recorded in hours.</summary>
    public decimal? Hours { get; private set; }
    public List<int> SchoolUrns { get; private set; } = [];
    public List<string> SchoolNames { get; private set; } = [];
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string TermKey { get; private set; } = "";
    public Guid? ClaimId { get; private set; }

    /// <summary>How the claim line names it.</summary>
    public string ClaimDescription =>
        $"Joint practice development: {Topic} ({SchoolNames.Count} school{(SchoolNames.Count == 1 ? "" : "s")})";

    public void ClaimedBy(Guid claimId)
    {
        if (ClaimId is not null) throw new NotAllowedException("This session is already on a claim.");
        ClaimId = claimId;
    }
}

/// <summary>A JPD session as the broker types it.</summary>
public sealed record JpdSessionInput(Guid? DesignationId, string? Topic, DateOnly? Date, decimal? Days, decimal? Hours, IReadOnlyList<int> SchoolUrns,
    Guid? RequestKey = null);

/// <summary>What a JPD session must hold, and how its time is claimed.</summary>
public static class JpdRules
{
    /// <summary>Hours are claimed in half days of three hours (a school day of six), to the nearest half day, at least one.</summary>
    public const decimal HoursPerHalfDay = 3;
    public const int MostSchools = 60;

    /// <summary>Half days claimed for a session given in days, or else in hours.</summary>
    public static int HalfDaysFor(decimal? days, decimal? hours) =>
        days is { } d ? (int)(d * 2) : Math.Max(1, (int)Math.Round(hours!.Value / HoursPerHalfDay, MidpointRounding.AwayFromZero));

    /// <summary>Problems by field (DesignationId, Topic, Date, Duration, SchoolUrns); empty when it can be recorded.</summary>
    /// <param name="unknownUrns">The URNs typed that GIAS does not know.</param>
    public static IReadOnlyDictionary<string, string> Problems(JpdSessionInput input, DateOnly today, IReadOnlyCollection<int> unknownUrns)
    {
        Dictionary<string, string> problems = [];
        if (input.DesignationId is null) problems["DesignationId"] = "Choose the leader who facilitated the group.";
        if (string.IsNullOrWhiteSpace(input.Topic)) problems["Topic"] = "Say what the group worked on.";
        else if (input.Topic.Trim().Length > JpdSession.TopicMaxLength) problems["Topic"] = $"Keep it to {JpdSession.TopicMaxLength} characters.";
        if (input.Date is not { } date) problems["Date"] = "Enter the date of the session as dd/mm/yyyy.";
        else if (date > today) problems["Date"] = "Record a session once it has happened: money is only for what happened.";
        else if (date < today.AddYears(-1)) problems["Date"] = "That is more than a year ago: sessions are claimed in the term they happen.";
        if (input.Days is null == input.Hours is null) problems["Duration"] = "Give how long it lasted in days or in hours (one of them).";
        else if (input.Days is { } d && (d <= 0 || d > 5 || d * 2 != decimal.Truncate(d * 2))) problems["Duration"] = "Days are whole or half days, from half a day to 5.";
        else if (input.Hours is { } h && (h <= 0 || h > 30)) problems["Duration"] = "Hours are more than 0 and at most 30.";
        if (input.SchoolUrns.Count == 0) problems["SchoolUrns"] = "Enter the URN of each school attending.";
        else if (input.SchoolUrns.Count > MostSchools) problems["SchoolUrns"] = $"At most {MostSchools} schools.";
        else if (unknownUrns.Count > 0) problems["SchoolUrns"] = $"No school in Get Information about Schools has URN {string.Join(", ", unknownUrns)}.";
        return problems;
    }
}
