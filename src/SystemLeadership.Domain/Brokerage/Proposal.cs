using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;

namespace SystemLeadership.Domain.Brokerage;

public enum ProposalState
{
    Draft,
    AwaitingConsent,
    Agreed,
    Refused,
    Closed,
    Withdrawn,
}

public enum ProposalMove
{
    Propose,
    Consent,
    Refuse,
    Withdraw,
    CloseAsRival,
    /// <summary>The request it answers was withdrawn: nothing is left to agree.</summary>
    CloseWithRequest,
}

/// <summary>The leader put forward, as the proposal records them (copied, so the agreement says what was agreed).</summary>
public sealed record ProposedLeader(
    Guid DesignationId, Guid LeaderProfileId, string UserId, string Name, string Email,
    int SchoolUrn, string SchoolName, bool IsHeadteacher, string HeadteacherName, string HeadteacherEmail, int DayRatePence,
    DesignationType Type);

/// <summary>Where a pooled leader comes from: their home alliance and their profile there, which holds their days.</summary>
public sealed record PoolHome(Guid TenantId, string Name, Guid LeaderProfileId);

/// <summary>What the broker proposes (003 §7): objectives and impact, approach, people, time and money.</summary>
public sealed record ProposalTerms(
    IReadOnlyList<string> Objectives, string ExpectedImpact, string SupportApproach, IReadOnlyList<string> Colleagues,
    int HalfDays, string Pattern, DateOnly Start, DateOnly End)
{
    /// <summary>The longest an objective, the expected impact or the approach may be (the form's bound, kept here too).</summary>
    public const int MaxTextLength = 4000;
    public const int MaxPatternLength = 300;
    public const int MaxColleaguesLength = 2000;

    /// <summary>Why these terms cannot be saved as typed, in words for the form; null when they can.</summary>
    public string? Problem()
    {
        IEnumerable<(string? Text, int Max, string What)> texts =
        [
            (ExpectedImpact, MaxTextLength, "The impact expected"), (SupportApproach, MaxTextLength, "The support approach"),
            (Pattern, MaxPatternLength, "The pattern of the days"), (string.Join("\n", Colleagues), MaxColleaguesLength, "The colleagues named"),
            .. Objectives.Select(o => ((string?)o, MaxTextLength, "An objective")),
        ];
        foreach (var (text, max, what) in texts)
        {
            if (text is { } t && t.Length > max) return $"{what} must be {max:N0} characters or fewer.";
            if (Common.PlainText.HasMarkup(text)) return Common.PlainText.MarkupMessage;
        }
        return null;
    }
}

/// <summary>A brokered plan for one commission and one leader; agreed only when every party consents.</summary>
public sealed class Proposal : ITenantOwned
{
    public static readonly BrokerageRole[] ConsentingParties =
        [BrokerageRole.Leader, BrokerageRole.LeaderHeadteacher, BrokerageRole.SupportedSchool, BrokerageRole.Commissioner];

    private Proposal() { }

    public Proposal(Commission commission, ProposedLeader leader, ProposalTerms terms, DateTimeOffset at, PoolHome? home = null)
    {
        HomeTenantId = home?.TenantId;
        HomeAllianceName = home?.Name;
        HomeLeaderProfileId = home?.LeaderProfileId;
        Id = Guid.NewGuid();
        TenantId = commission.TenantId;
        CommissionId = commission.Id;
        FunderName = commission.FunderName;
        DesignationId = leader.DesignationId;
        LeaderProfileId = leader.LeaderProfileId;
        LeaderUserId = leader.UserId;
        LeaderName = leader.Name;
        LeaderEmail = leader.Email;
        LeaderSchoolUrn = leader.SchoolUrn;
        LeaderSchoolName = leader.SchoolName;
        LeaderIsHeadteacher = leader.IsHeadteacher;
        HeadteacherName = leader.HeadteacherName;
        HeadteacherEmail = leader.HeadteacherEmail;
        DayRatePence = leader.DayRatePence;
        LeaderType = leader.Type;
        CreatedAt = at;
        State = ProposalState.Draft;
        Revise(terms);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CommissionId { get; private set; }
    public string FunderName { get; private set; } = "";
    public Guid DesignationId { get; private set; }
    public Guid LeaderProfileId { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public string LeaderName { get; private set; } = "";
    public string LeaderEmail { get; private set; } = "";
    public int LeaderSchoolUrn { get; private set; }
    public string LeaderSchoolName { get; private set; } = "";
    public bool LeaderIsHeadteacher { get; private set; }
    /// <summary>The leader's headteacher, or their chair of governors when the leader is a head (004).</summary>
    public string HeadteacherName { get; private set; } = "";
    public string HeadteacherEmail { get; private set; } = "";
    public int DayRatePence { get; private set; }
    /// <summary>The leader's designation, whose limits the time commitment keeps to (<see cref="DeploymentLimits"/>).</summary>
    public DesignationType LeaderType { get; private set; }

    public List<string> Objectives { get; private set; } = [];
    public string ExpectedImpact { get; private set; } = "";
    public string SupportApproach { get; private set; } = "";
    public List<string> Colleagues { get; private set; } = [];
    public int HalfDays { get; private set; }
    public string Pattern { get; private set; } = "";
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public ProposalState State { get; private set; }
    public DateTimeOffset? LeaderConsentAt { get; private set; }
    public DateTimeOffset? HeadteacherConsentAt { get; private set; }
    public DateTimeOffset? SupportedSchoolConsentAt { get; private set; }
    public DateTimeOffset? CommissionerConsentAt { get; private set; }
    public BrokerageRole? RefusedBy { get; private set; }
    public string? RefusalReason { get; private set; }
    public string? ClosedNote { get; private set; }
    public DateTimeOffset? AgreedAt { get; private set; }
    /// <summary>Set when the leader is pooled from a network partner: their home alliance consents too and holds their days.</summary>
    public Guid? HomeTenantId { get; private set; }
    public string? HomeAllianceName { get; private set; }
    public Guid? HomeLeaderProfileId { get; private set; }
    public DateTimeOffset? HomeConsentAt { get; private set; }
    public uint Version { get; private set; }

    public bool IsPooled => HomeTenantId is not null;

    /// <summary>
    /// Whether the leader and whoever releases them are asked yet: always, unless the leader is pooled and their home
    /// alliance has not agreed to lend them (until then they are neither shown the proposal nor emailed about it).
    /// </summary>
    public bool AsksLeaderSideYet => !IsPooled || HomeConsentAt is not null;

    /// <summary>Who must agree: the four parties, and a pooled leader's home alliance first.</summary>
    public IReadOnlyList<BrokerageRole> Parties => IsPooled ? [BrokerageRole.HomeAlliance, .. ConsentingParties] : ConsentingParties;

    /// <summary>The financial terms: the whole commitment at the leader's day rate, pro rata by the half day.</summary>
    public long TotalPence => Money.ProRata(DayRatePence, HalfDays);

    public bool HasConsented(BrokerageRole party) => ConsentAt(party) is not null;

    public IReadOnlyList<BrokerageRole> AwaitingFrom => Parties.Where(p => !HasConsented(p)).ToList();

    public void Revise(ProposalTerms terms)
    {
        if (State != ProposalState.Draft) throw new NotAllowedException("Only a draft proposal can be changed.");
        var objectives = terms.Objectives.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).ToList();
        if (terms.HalfDays <= 0) throw new InvalidInputException(nameof(terms), "The time commitment must be at least half a day.");
        if (terms.End < terms.Start) throw new InvalidInputException(nameof(terms), "The end date is before the start date.");
        if (terms.Problem() is { } problem) throw new InvalidInputException(nameof(terms), problem);
        Objectives = objectives;
        ExpectedImpact = terms.ExpectedImpact.Trim();
        SupportApproach = terms.SupportApproach.Trim();
        Colleagues = [.. terms.Colleagues.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())];
        HalfDays = terms.HalfDays;
        Pattern = terms.Pattern.Trim();
        Start = terms.Start;
        End = terms.End;
    }

    public ProposalTransition Apply(ProposalMove move, BrokerageRole actor, DateTimeOffset at, string? reason = null)
    {
        var transition = ProposalWorkflow.Table.Require(this, State, move, actor);
        switch (move)
        {
            case ProposalMove.Consent:
                SetConsent(actor, at);
                if (transition.To == ProposalState.Agreed) AgreedAt = at;
                break;
            case ProposalMove.Refuse:
                if (string.IsNullOrWhiteSpace(reason)) throw new NotAllowedException("Give the reason for refusing this deployment.");
                RefusedBy = actor;
                RefusalReason = reason.Trim();
                break;
            case ProposalMove.CloseAsRival or ProposalMove.CloseWithRequest or ProposalMove.Withdraw:
                ClosedNote = reason?.Trim();
                break;
        }
        State = transition.To;
        return transition;
    }

    private DateTimeOffset? ConsentAt(BrokerageRole party) => party switch
    {
        BrokerageRole.Leader => LeaderConsentAt,
        BrokerageRole.LeaderHeadteacher => HeadteacherConsentAt,
        BrokerageRole.SupportedSchool => SupportedSchoolConsentAt,
        BrokerageRole.Commissioner => CommissionerConsentAt,
        BrokerageRole.HomeAlliance => HomeConsentAt,
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "Not a consenting party."),
    };

    private void SetConsent(BrokerageRole party, DateTimeOffset at)
    {
        switch (party)
        {
            case BrokerageRole.Leader: LeaderConsentAt = at; break;
            case BrokerageRole.LeaderHeadteacher: HeadteacherConsentAt = at; break;
            case BrokerageRole.SupportedSchool: SupportedSchoolConsentAt = at; break;
            case BrokerageRole.Commissioner: CommissionerConsentAt = at; break;
            case BrokerageRole.HomeAlliance: HomeConsentAt = at; break;
            default: throw new ArgumentOutOfRangeException(nameof(party), party, "Not a consenting party.");
        }
    }
}

public static class ProposalWorkflow
{
    public static readonly Workflow<ProposalState, ProposalMove, BrokerageRole, Proposal> Table = new(Build(), Display);

    public static string Display(ProposalState state) => state switch
    {
        ProposalState.Draft => "Draft",
        ProposalState.AwaitingConsent => "Waiting for agreement",
        ProposalState.Agreed => "Agreed",
        ProposalState.Refused => "Refused",
        ProposalState.Closed => "Closed",
        ProposalState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    public static string PartyName(BrokerageRole party) => party switch
    {
        BrokerageRole.Leader => "the system leader",
        BrokerageRole.LeaderHeadteacher => "the leader's headteacher (or chair of governors)",
        BrokerageRole.SupportedSchool => "the supported school",
        BrokerageRole.Commissioner => "the commissioner",
        BrokerageRole.Broker => "the broker",
        BrokerageRole.HomeAlliance => "the leader's home alliance",
        _ => party.ToString(),
    };

    private const string NotPooled = "Only a pooled leader's proposal asks a home alliance.";

    /// <summary>
    /// Why this party cannot agree yet: already agreed; a home alliance on a leader of this alliance's own; or, for a
    /// pooled leader, the leader and whoever releases them before the home alliance has lent them.
    /// </summary>
    private static string? NotYet(Proposal p, BrokerageRole party) =>
        party == BrokerageRole.HomeAlliance && !p.IsPooled ? NotPooled :
        p.HasConsented(party) ? "You have already agreed to this deployment." :
        party is BrokerageRole.Leader or BrokerageRole.LeaderHeadteacher && !p.AsksLeaderSideYet ? HomeFirst : null;

    private const string HomeFirst = "The leader's home alliance has to agree first.";

    private static List<ProposalTransition> Build()
    {
        List<ProposalTransition> table =
        [
            new(ProposalState.Draft, ProposalMove.Propose, ProposalState.AwaitingConsent, BrokerageRole.Broker, "Send for agreement",
                p => p.Objectives.Count == 0 ? "Agree at least one objective before proposing." :
                     string.IsNullOrWhiteSpace(p.SupportApproach) ? "Describe the support approach before proposing." :
                     // A draft may start from the request's days; what is proposed keeps to the leader's designation.
                     DeploymentLimits.Problem(p.LeaderType, p.HalfDays, p.Start, p.End)),
            new(ProposalState.Draft, ProposalMove.Withdraw, ProposalState.Withdrawn, BrokerageRole.Broker, "Withdraw proposal"),
            new(ProposalState.AwaitingConsent, ProposalMove.Withdraw, ProposalState.Withdrawn, BrokerageRole.Broker, "Withdraw proposal"),
            new(ProposalState.Draft, ProposalMove.CloseAsRival, ProposalState.Closed, BrokerageRole.System, "Closed: another proposal was agreed"),
            new(ProposalState.AwaitingConsent, ProposalMove.CloseAsRival, ProposalState.Closed, BrokerageRole.System, "Closed: another proposal was agreed"),
            new(ProposalState.Draft, ProposalMove.CloseWithRequest, ProposalState.Closed, BrokerageRole.System, "Closed: the request was withdrawn"),
            new(ProposalState.AwaitingConsent, ProposalMove.CloseWithRequest, ProposalState.Closed, BrokerageRole.System, "Closed: the request was withdrawn"),
        ];
        foreach (var party in (BrokerageRole[])[.. Proposal.ConsentingParties, BrokerageRole.HomeAlliance])
        {
            // Two rows per party: the last consent agrees the whole proposal, any earlier one leaves it waiting.
            table.Add(new(ProposalState.AwaitingConsent, ProposalMove.Consent, ProposalState.Agreed, party, "Agree to this deployment",
                p => NotYet(p, party) ?? (p.AwaitingFrom.Any(o => o != party) ? "Others have still to agree." : null)));
            table.Add(new(ProposalState.AwaitingConsent, ProposalMove.Consent, ProposalState.AwaitingConsent, party, "Agree to this deployment",
                p => NotYet(p, party) ?? (!p.AwaitingFrom.Any(o => o != party) ? "Yours is the last agreement: it agrees the deployment." : null)));
            table.Add(new(ProposalState.AwaitingConsent, ProposalMove.Refuse, ProposalState.Refused, party, "Refuse this deployment",
                p => party == BrokerageRole.HomeAlliance && !p.IsPooled ? NotPooled :
                     party is BrokerageRole.Leader or BrokerageRole.LeaderHeadteacher && !p.AsksLeaderSideYet ? HomeFirst : null));
        }
        return table;
    }
}
