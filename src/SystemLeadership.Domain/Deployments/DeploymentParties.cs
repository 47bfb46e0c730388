using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Deployments;

/// <summary>
/// Who sees which part of a deployment. Everyone named on it sees the plan; the Visit Record goes to the supported
/// school, the Visit Evaluation never does (004: it is for the leader's head and the alliance); progress reviews are
/// for the broker, the leader and their head; quality-assurance reviews are the broker's.
/// </summary>
public static class DeploymentParties
{
    public static IReadOnlyList<BrokerageRole> Of(Deployment deployment, Actor actor)
    {
        List<BrokerageRole> roles = [];
        if (actor.Is(TenantRoles.AllianceManager)) roles.Add(BrokerageRole.Broker);
        if (deployment.LeaderUserId == actor.UserId) roles.Add(BrokerageRole.Leader);
        if (actor.Owns(deployment.HeadteacherEmail)) roles.Add(BrokerageRole.LeaderHeadteacher);
        if (actor.Owns(deployment.SupportedSchoolContactEmail)) roles.Add(BrokerageRole.SupportedSchool);
        if (actor.Owns(deployment.CommissionerEmail)) roles.Add(BrokerageRole.Commissioner);
        return roles;
    }

    /// <summary>What a set of parts may see and do on a deployment.</summary>
    public static DeploymentSight Sight(Deployment deployment, IReadOnlyList<BrokerageRole> roles)
    {
        bool Has(BrokerageRole r) => roles.Contains(r);
        var broker = Has(BrokerageRole.Broker);
        var leader = Has(BrokerageRole.Leader);
        var head = Has(BrokerageRole.LeaderHeadteacher);
        var school = Has(BrokerageRole.SupportedSchool);
        var active = deployment.State == DeploymentState.Active;
        return new DeploymentSight(
            Plan: roles.Count > 0,
            Commission: broker || school || Has(BrokerageRole.Commissioner),
            VisitRecords: broker || leader || head || school,
            VisitEvaluations: broker || leader || head,
            ObjectiveReviews: broker || leader || head,
            QaReviews: broker,
            ScheduleVisits: (broker || leader) && active,
            RecordVisits: leader,
            ReviewObjectives: broker,
            EvaluateDeployment: school,
            ManageDeployment: broker);
    }
}

/// <summary>The parts of a deployment a person may see, and the kinds of step they may take on it.</summary>
public sealed record DeploymentSight(
    bool Plan, bool Commission, bool VisitRecords, bool VisitEvaluations, bool ObjectiveReviews, bool QaReviews,
    bool ScheduleVisits, bool RecordVisits, bool ReviewObjectives, bool EvaluateDeployment, bool ManageDeployment);
