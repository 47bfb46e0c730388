using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Reimbursement;

/// <summary>
/// Who acts on a claim: the broker, and whoever acts for the school it reimburses — the headteachers (or chairs) of that
/// school's leaders, found from the school, never from a deployment, so a change of leader does not move the claim.
/// </summary>
public static class ClaimParties
{
    public static IReadOnlyList<ClaimRole> Of(Claim claim, IEnumerable<string> schoolContactEmails, Actor actor)
    {
        List<ClaimRole> roles = [];
        if (actor.Is(TenantRoles.AllianceManager)) roles.Add(ClaimRole.Broker);
        if (schoolContactEmails.Any(actor.Owns)) roles.Add(ClaimRole.LeaderSchool);
        return roles;
    }

    /// <summary>The moves these parts may make on the claim now: the buttons, and what the service allows.</summary>
    public static IReadOnlyList<ClaimTransition> MovesFor(Claim claim, IReadOnlyList<ClaimRole> roles) =>
        roles.SelectMany(r => ClaimWorkflow.Table.MovesFor(claim, claim.State, r)).GroupBy(t => t.Move).Select(g => g.First()).ToList();
}
