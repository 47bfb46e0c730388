namespace SystemLeadership.Domain.Brokerage;

/// <summary>The part a person plays in one commission and its deployment. One person may play several.</summary>
public enum BrokerageRole
{
    /// <summary>Whoever raised the commission: the supported school's contact or a commissioner on its behalf.</summary>
    Requester,
    /// <summary>The alliance manager who triages, matches, proposes, quality-assures and approves claims.</summary>
    Broker,
    Leader,
    /// <summary>The leader's headteacher, or the chair of governors when the leader is a head.</summary>
    LeaderHeadteacher,
    SupportedSchool,
    Commissioner,
    /// <summary>The system itself, e.g. closing rival proposals when one is agreed.</summary>
    System,
    /// <summary>A pooled leader's home alliance (its managers), which agrees to lend them to a network partner (003 §6).</summary>
    HomeAlliance,
}

/// <summary>Who may see an activity entry. Flags: most entries concern several people.</summary>
[Flags]
public enum Audience
{
    None = 0,
    Broker = 1,
    Leader = 2,
    LeaderHeadteacher = 4,
    SupportedSchool = 8,
    Commissioner = 16,
    Everyone = Broker | Leader | LeaderHeadteacher | SupportedSchool | Commissioner,
}

public enum CommissionerKind
{
    LocalAuthority,
    Diocese,
    AcademyTrust,
    School,
    TeachingSchool,
    College,
    /// <summary>The DfE or another national body (003 §7).</summary>
    NationalBody,
}

/// <summary>How each kind of commissioner is named, on the request form and in the deployment agreement alike.</summary>
public static class CommissionerKinds
{
    public static string Name(CommissionerKind kind) => kind switch
    {
        CommissionerKind.LocalAuthority => "Local authority",
        CommissionerKind.Diocese => "Diocese",
        CommissionerKind.AcademyTrust => "Academy trust",
        CommissionerKind.School => "The school itself",
        CommissionerKind.TeachingSchool => "Teaching school",
        CommissionerKind.College => "The College",
        CommissionerKind.NationalBody => "The DfE or another national body",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of commissioner."),
    };
}

[Flags]
public enum PriorityReasons
{
    None = 0,
    BelowFloorStandard = 1,
    Vulnerable = 2,
    NewFirstTimeHeadteacher = 4,
}
