using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>
/// A system leader as the broker deploys them: their school, whether they are its head, who releases them, and the
/// days a term their school can spare. Its row is what agreements lock, so two cannot spend the same free days.
/// </summary>
public sealed class LeaderProfile : ITenantOwned
{
    private LeaderProfile() { }

    public LeaderProfile(Guid tenantId, string userId, string name, string email, int schoolUrn, string schoolName,
        bool isHeadteacher, string headteacherName, string headteacherEmail, int capacityHalfDaysPerTerm)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        UserId = userId;
        Name = name;
        Email = email;
        Update(schoolUrn, schoolName, isHeadteacher, headteacherName, headteacherEmail, capacityHalfDaysPerTerm);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public bool IsHeadteacher { get; private set; }
    /// <summary>Who releases the leader and may refuse a deployment: the headteacher, or the chair when the leader is a head.</summary>
    public string HeadteacherName { get; private set; } = "";
    public string HeadteacherEmail { get; private set; } = "";
    public int CapacityHalfDaysPerTerm { get; private set; }
    /// <summary>Offered to tenants in an agreed network (opt-in pooling, 003 §6).</summary>
    public bool SharedWithNetwork { get; private set; }
    public uint Version { get; private set; }

    public void Update(int schoolUrn, string schoolName, bool isHeadteacher, string headteacherName, string headteacherEmail, int capacityHalfDaysPerTerm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityHalfDaysPerTerm);
        SchoolUrn = schoolUrn;
        SchoolName = schoolName;
        IsHeadteacher = isHeadteacher;
        HeadteacherName = headteacherName;
        HeadteacherEmail = headteacherEmail;
        CapacityHalfDaysPerTerm = capacityHalfDaysPerTerm;
    }

    public void ShareWithNetwork(bool shared) => SharedWithNetwork = shared;
}

/// <summary>A leader's profile as the leader or a broker types it on the profile page.</summary>
public sealed record LeaderProfileInput(int? SchoolUrn, bool IsHeadteacher, string? HeadteacherName, string? HeadteacherEmail, decimal? DaysPerTerm);

/// <summary>What a profile must hold: a GIAS school, who releases the leader, and days a term the agreed deployments still fit in.</summary>
public static class LeaderProfileRules
{
    /// <summary>Sixty days: more weekdays than any term has.</summary>
    public const int MostHalfDaysPerTerm = 120;

    /// <summary>Problems by field (SchoolUrn, HeadteacherName, HeadteacherEmail, DaysPerTerm); empty when it can be saved.</summary>
    /// <param name="schoolName">The school GIAS knows by that URN, or null.</param>
    /// <param name="agreedAhead">Half days agreed for the leader in this term and each later one.</param>
    public static IReadOnlyDictionary<string, string> Problems(LeaderProfileInput input, string? schoolName,
        IReadOnlyList<(SchoolTerm Term, int HalfDays)> agreedAhead)
    {
        Dictionary<string, string> problems = [];
        if (input.SchoolUrn is not { } urn) problems["SchoolUrn"] = "Enter your school's URN (six digits, from Get Information about Schools).";
        else if (schoolName is null) problems["SchoolUrn"] = $"No school in Get Information about Schools has URN {urn}.";
        var releaser = input.IsHeadteacher ? "chair of governors" : "headteacher";
        var releasers = input.IsHeadteacher ? "chair of governors'" : "headteacher's";
        if (string.IsNullOrWhiteSpace(input.HeadteacherName)) problems["HeadteacherName"] = $"Enter the name of the {releaser} who releases you.";
        else if (input.HeadteacherName.Trim().Length > 200) problems["HeadteacherName"] = "Keep the name to 200 characters.";
        if (!Common.EmailAddress.IsValid(input.HeadteacherEmail?.Trim())) problems["HeadteacherEmail"] = $"Enter the {releasers} email address, like name@school.org.uk.";
        if (input.DaysPerTerm is not { } days) problems["DaysPerTerm"] = "Enter the days a term your school can release you for (0 if none).";
        else if (days > MostHalfDaysPerTerm / 2m) problems["DaysPerTerm"] = $"At most {MostHalfDaysPerTerm / 2} days a term.";
        else if (days < 0 || days * 2 != decimal.Truncate(days * 2)) problems["DaysPerTerm"] = "Enter whole or half days, such as 5 or 7.5.";
        else if (agreedAhead.Where(a => a.HalfDays > days * 2).OrderByDescending(a => a.HalfDays).ToList() is [var most, ..])
            problems["DaysPerTerm"] = $"{Reimbursement.HalfDays.Describe(most.HalfDays)} are already agreed in the {most.Term}: days a term cannot be fewer.";
        return problems;
    }
}

/// <summary>Half days of an agreed deployment held in one term of a leader's capacity.</summary>
public sealed class CapacityCommitment : ITenantOwned
{
    private CapacityCommitment() { }

    public CapacityCommitment(Guid tenantId, Guid leaderProfileId, Guid proposalId, SchoolTerm term, int halfDays)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        LeaderProfileId = leaderProfileId;
        ProposalId = proposalId;
        TermKey = term.Key;
        HalfDays = halfDays;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid LeaderProfileId { get; private set; }
    public Guid ProposalId { get; private set; }
    public string TermKey { get; private set; } = "";
    public int HalfDays { get; private set; }

    public void Release() => HalfDays = 0;
    public void Change(int halfDays) => HalfDays = halfDays;
}

/// <summary>One line of a deployment's activity feed, shown only to the audiences it concerns.</summary>
public sealed class ActivityEntry : ITenantOwned
{
    private ActivityEntry() { }

    public ActivityEntry(Guid tenantId, Guid commissionId, Guid? proposalId, Guid? deploymentId, Audience audiences, string text, string actorName, DateTimeOffset at)
    {
        if (audiences == Audience.None) throw new ArgumentException("An entry nobody can see is no use.", nameof(audiences));
        Id = Guid.NewGuid();
        TenantId = tenantId;
        CommissionId = commissionId;
        ProposalId = proposalId;
        DeploymentId = deploymentId;
        Audiences = audiences;
        Text = text;
        ActorName = actorName;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CommissionId { get; private set; }
    /// <summary>The proposal or deployment an entry is about: its leader and headteacher are the "leader" audiences.</summary>
    public Guid? ProposalId { get; private set; }
    public Guid? DeploymentId { get; private set; }
    public Audience Audiences { get; private set; }
    public string Text { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public bool VisibleTo(Audience viewer) => (Audiences & viewer) != Audience.None;
}
