namespace SystemLeadership.Domain.Designations;

/// <summary>The applicant's current role, as the eligibility rules need it.</summary>
public enum LeadershipRole
{
    ClassroomTeacher,
    HigherLevelTeachingAssistant,
    MiddleLeader,
    SeniorLeader,
    DeputyHeadteacher,
    AssistantHeadteacher,
    Headteacher,
    ChairOfGovernors,
}

public static class LeadershipRoleNames
{
    public static string Display(this LeadershipRole role) => role switch
    {
        LeadershipRole.ClassroomTeacher => "Classroom teacher",
        LeadershipRole.HigherLevelTeachingAssistant => "Higher level teaching assistant (HLTA)",
        LeadershipRole.MiddleLeader => "Middle leader (e.g. subject or key stage leader)",
        LeadershipRole.SeniorLeader => "Senior leader",
        LeadershipRole.DeputyHeadteacher => "Deputy headteacher",
        LeadershipRole.AssistantHeadteacher => "Assistant headteacher",
        LeadershipRole.Headteacher => "Headteacher or principal",
        LeadershipRole.ChairOfGovernors => "Chair of governors",
        _ => role.ToString(),
    };

    /// <summary>Middle and senior leadership roles other than headteacher (the SLE population, seed 003 §2).</summary>
    public static bool IsMiddleOrSeniorLeaderBelowHead(this LeadershipRole role) => role is
        LeadershipRole.MiddleLeader or LeadershipRole.SeniorLeader or
        LeadershipRole.DeputyHeadteacher or LeadershipRole.AssistantHeadteacher;
}
