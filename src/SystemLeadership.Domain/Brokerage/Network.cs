using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>An agreed network of alliances that pool leaders (003 §2, §6). National: joined by each tenant explicitly.</summary>
public sealed class LeaderNetwork
{
    private LeaderNetwork() { }

    public LeaderNetwork(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = Guid.NewGuid();
        Name = name.Trim();
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
}

/// <summary>A tenant's opt-in membership of a network. National, so every member can see who else is in it.</summary>
public sealed class NetworkMember
{
    private NetworkMember() { }

    public NetworkMember(Guid networkId, Guid tenantId, DateTimeOffset joinedAt)
    {
        NetworkId = networkId;
        TenantId = tenantId;
        JoinedAt = joinedAt;
    }

    public Guid NetworkId { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }
}

/// <summary>
/// A leader a tenant offers to its networks: a snapshot of what another tenant's broker needs to consider them, owned
/// by the sharing tenant and readable by its network partners only. Withdrawn by deleting it.
/// </summary>
public sealed class PooledLeader : ITenantOwned
{
    private PooledLeader() { }

    public PooledLeader(Guid tenantId, string tenantName, LeaderCandidate candidate, Guid leaderProfileId, int capacityHalfDaysPerTerm, SchoolTerm term, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        TenantName = tenantName;
        LeaderProfileId = leaderProfileId;
        Refresh(candidate, capacityHalfDaysPerTerm, term, at);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string TenantName { get; private set; } = "";
    public Guid LeaderProfileId { get; private set; }
    public Guid DesignationId { get; private set; }
    public string HolderUserId { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    public DesignationType Type { get; private set; }
    public Guid? SchemeId { get; private set; }
    public List<string> Specialisms { get; private set; } = [];
    public int? SchoolUrn { get; private set; }
    public DateOnly? DesignationEnd { get; private set; }
    public int DayRatePence { get; private set; }
    public int CapacityHalfDaysPerTerm { get; private set; }
    /// <summary>Free days in <see cref="TermKey"/> when shared; other terms are offered at the full capacity.</summary>
    public int FreeHalfDays { get; private set; }
    public string TermKey { get; private set; } = "";
    public List<int> PastEvaluationRatings { get; private set; } = [];
    public int SimilarPastDeployments { get; private set; }
    public DateTimeOffset SharedAt { get; private set; }

    public void Refresh(LeaderCandidate c, int capacityHalfDaysPerTerm, SchoolTerm term, DateTimeOffset at)
    {
        DesignationId = c.DesignationId;
        HolderUserId = c.HolderUserId;
        HolderName = c.HolderName;
        Type = c.Type;
        SchemeId = c.SchemeId;
        Specialisms = [.. c.Specialisms];
        SchoolUrn = c.SchoolUrn;
        DesignationEnd = c.DesignationEnd;
        DayRatePence = c.DayRatePence;
        CapacityHalfDaysPerTerm = capacityHalfDaysPerTerm;
        FreeHalfDays = c.FreeHalfDaysThisTerm;
        TermKey = term.Key;
        PastEvaluationRatings = [.. c.PastEvaluationRatings];
        SimilarPastDeployments = c.SimilarPastDeployments;
        SharedAt = at;
    }

    /// <summary>As a search candidate, with the school's place filled in by the searching tenant from GIAS.</summary>
    public LeaderCandidate ToCandidate(SchoolTerm term, int? easting, int? northing, string? phase, string? trust) => new(
        DesignationId, TenantId, HolderUserId, HolderName, Type, SchemeId, Specialisms, SchoolUrn, easting, northing, phase, trust,
        DesignationEnd, DayRatePence, term.Key == TermKey ? FreeHalfDays : CapacityHalfDaysPerTerm, PastEvaluationRatings,
        SimilarPastDeployments, IsActive: true, SharedByAnotherTenant: true);
}
