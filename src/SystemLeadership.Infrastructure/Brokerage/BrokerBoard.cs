using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// The broker's board for one alliance: how many commissions and deployments are in each state, the commissions still
/// waiting on the broker (requested, waiting for information, accepted), and the live deployments with their next visit.
/// </summary>
public sealed record BrokerBoard(
    IReadOnlyDictionary<CommissionState, int> CommissionCounts,
    IReadOnlyDictionary<DeploymentState, int> DeploymentCounts,
    IReadOnlyList<BoardCommission> OpenCommissions,
    IReadOnlyList<BoardDeployment> LiveDeployments)
{
    public int Rows => CommissionCounts.Count + DeploymentCounts.Count + OpenCommissions.Count + LiveDeployments.Count;
}

public sealed record BoardCommission(Guid Id, string SchoolName, CommissionState State, DateTimeOffset RaisedAt, DateOnly DesiredStart,
    int HalfDays, IReadOnlyList<string> Specialisms);

public sealed record BoardDeployment(Guid Id, string SchoolName, string LeaderName, DeploymentState State, DateOnly Start, DateOnly End,
    int AgreedHalfDays, int LoggedHalfDays, DateTimeOffset? NextVisit);
