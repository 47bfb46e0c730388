using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>An agreed network of alliances that pool leaders (003 §2, §6). National: joined by each tenant explicitly.</summary>
public sealed class LeaderNetwork
{
    private LeaderNetwork() { }

    public LeaderNetwork(string name, Guid? foundedByTenantId = null, DateTimeOffset? at = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidInputException(nameof(Name), "Give the network a name.");
        if (name.Trim().Length > 200) throw new InvalidInputException(nameof(Name), "A network's name is at most 200 characters.");
        Id = Guid.NewGuid();
        Name = name.Trim();
        FoundedByTenantId = foundedByTenantId;
        CreatedAt = at ?? DateTimeOffset.UnixEpoch;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The alliance that started it (null for a network set up nationally).</summary>
    public Guid? FoundedByTenantId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum NetworkInvitationState
{
    Waiting,
    Accepted,
    Declined,
}

/// <summary>
/// A member alliance's invitation to another alliance to join a network (003 §2). Owned by the inviting tenant; the
/// invited tenant may read it and answer it, and nothing else of the inviter's (its own row-level policy).
/// </summary>
public sealed class NetworkInvitation : ITenantOwned
{
    private NetworkInvitation() { }

    public NetworkInvitation(Guid tenantId, string invitedByName, LeaderNetwork network, Guid invitedTenantId, string invitedTenantName, Actor by, DateTimeOffset at)
    {
        if (invitedTenantId == tenantId) throw new NotAllowedException("An alliance is already in the networks it invites others to.");
        Id = Guid.NewGuid();
        TenantId = tenantId;
        InvitedByName = invitedByName;
        NetworkId = network.Id;
        NetworkName = network.Name;
        InvitedTenantId = invitedTenantId;
        InvitedTenantName = invitedTenantName;
        InvitedByUserName = by.Name;
        InvitedAt = at;
        State = NetworkInvitationState.Waiting;
    }

    public Guid Id { get; private set; }
    /// <summary>The inviting alliance.</summary>
    public Guid TenantId { get; private set; }
    public string InvitedByName { get; private set; } = "";
    public Guid NetworkId { get; private set; }
    public string NetworkName { get; private set; } = "";
    public Guid InvitedTenantId { get; private set; }
    public string InvitedTenantName { get; private set; } = "";
    public string InvitedByUserName { get; private set; } = "";
    public DateTimeOffset InvitedAt { get; private set; }
    public NetworkInvitationState State { get; private set; }
    public string? AnsweredByName { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>The invited alliance's manager answers, once.</summary>
    public void Answer(bool accept, Actor manager, DateTimeOffset at)
    {
        if (State != NetworkInvitationState.Waiting)
            throw new NotAllowedException($"This invitation was already {(State == NetworkInvitationState.Accepted ? "accepted" : "declined")}.");
        State = accept ? NetworkInvitationState.Accepted : NetworkInvitationState.Declined;
        AnsweredByName = manager.Name;
        AnsweredAt = at;
    }
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

public enum PoolAskState
{
    /// <summary>Waiting for the home alliance to agree.</summary>
    Waiting,
    /// <summary>The home alliance agreed; the leader, their head and the school are asked.</summary>
    Agreed,
    Refused,
    /// <summary>Everyone agreed: the leader is deployed by the partner, their days held here.</summary>
    Deployed,
    /// <summary>The partner withdrew it, another party refused it, or another proposal was agreed.</summary>
    Ended,
}

/// <summary>
/// A partner alliance's proposal for one of this alliance's pooled leaders, as the home alliance sees it (003 §6): owned
/// by the home tenant, so its managers see and decide what concerns them (the leader, the school, the days and dates),
/// and nothing else of the partner's request. The partner's proposal and deployment stay in the partner's tenant.
/// </summary>
public sealed class PoolAsk : ITenantOwned
{
    private PoolAsk() { }

    public PoolAsk(Guid homeTenantId, Guid partnerTenantId, string partnerName, Proposal proposal, Guid homeLeaderProfileId, string supportedSchoolName, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = homeTenantId;
        PartnerTenantId = partnerTenantId;
        PartnerName = partnerName;
        ProposalId = proposal.Id;
        DesignationId = proposal.DesignationId;
        LeaderProfileId = homeLeaderProfileId;
        LeaderName = proposal.LeaderName;
        SupportedSchoolName = supportedSchoolName;
        HalfDays = proposal.HalfDays;
        Start = proposal.Start;
        End = proposal.End;
        DayRatePence = proposal.DayRatePence;
        AskedAt = at;
        State = PoolAskState.Waiting;
    }

    public Guid Id { get; private set; }
    /// <summary>The leader's home alliance.</summary>
    public Guid TenantId { get; private set; }
    public Guid PartnerTenantId { get; private set; }
    public string PartnerName { get; private set; } = "";
    public Guid ProposalId { get; private set; }
    public Guid DesignationId { get; private set; }
    public Guid LeaderProfileId { get; private set; }
    public string LeaderName { get; private set; } = "";
    public string SupportedSchoolName { get; private set; } = "";
    public int HalfDays { get; private set; }
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }
    public int DayRatePence { get; private set; }
    public DateTimeOffset AskedAt { get; private set; }
    public PoolAskState State { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }
    public uint Version { get; private set; }

    public void Decide(bool agree, Actor manager, string? reason, DateTimeOffset at)
    {
        if (State != PoolAskState.Waiting) throw new NotAllowedException("This proposal has already been answered.");
        if (!agree && string.IsNullOrWhiteSpace(reason)) throw new InvalidInputException(nameof(Note), "Give the reason for refusing.");
        State = agree ? PoolAskState.Agreed : PoolAskState.Refused;
        DecidedByName = manager.Name;
        DecidedAt = at;
        Note = reason?.Trim();
    }

    /// <summary>What became of the partner's proposal after the home alliance answered.</summary>
    public void Follow(ProposalState proposal, string? note)
    {
        if (State is PoolAskState.Refused or PoolAskState.Ended or PoolAskState.Deployed) return;
        State = proposal switch
        {
            ProposalState.Agreed => PoolAskState.Deployed,
            ProposalState.Refused or ProposalState.Closed or ProposalState.Withdrawn => PoolAskState.Ended,
            _ => State,
        };
        if (State == PoolAskState.Ended) Note = note?.Trim();
    }
}

/// <summary>
/// A leader a tenant offers to its networks: a snapshot of what another tenant's broker needs to consider them, owned
/// by the sharing tenant and readable by its network partners only. Withdrawn by deleting it.
/// </summary>
public sealed class PooledLeader : ITenantOwned
{
    private PooledLeader() { }

    public PooledLeader(Guid tenantId, string tenantName, LeaderCandidate candidate, LeaderProfile profile, SchoolTerm term, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        TenantName = tenantName;
        LeaderProfileId = profile.Id;
        Refresh(candidate, profile, term, at);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string TenantName { get; private set; } = "";
    public Guid LeaderProfileId { get; private set; }
    public Guid DesignationId { get; private set; }
    public string HolderUserId { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    /// <summary>What a partner's proposal needs to ask the leader and whoever releases them (copied from the profile).</summary>
    public string HolderEmail { get; private set; } = "";
    public string SchoolName { get; private set; } = "";
    public bool IsHeadteacher { get; private set; }
    public string HeadteacherName { get; private set; } = "";
    public string HeadteacherEmail { get; private set; } = "";
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

    public void Refresh(LeaderCandidate c, LeaderProfile profile, SchoolTerm term, DateTimeOffset at)
    {
        var capacityHalfDaysPerTerm = profile.CapacityHalfDaysPerTerm;
        HolderEmail = profile.Email;
        SchoolName = profile.SchoolName;
        IsHeadteacher = profile.IsHeadteacher;
        HeadteacherName = profile.HeadteacherName;
        HeadteacherEmail = profile.HeadteacherEmail;
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
