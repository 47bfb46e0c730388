using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;

namespace SystemLeadership.Domain.Deployments;

public enum DeploymentState
{
    Active,
    Paused,
    EndedEarly,
    Completed,
}

public enum DeploymentMove
{
    Extend,
    ChangeLeader,
    Pause,
    Resume,
    EndEarly,
    Complete,
}

/// <summary>An agreed proposal being carried out: visits, days logged against the commitment, reviews, evaluation.</summary>
public sealed class Deployment : ITenantOwned
{
    private Deployment() { }

    public Deployment(Proposal agreed, Commission commission)
    {
        if (agreed.State != ProposalState.Agreed) throw new NotAllowedException("Only an agreed proposal becomes a deployment.");
        Id = Guid.NewGuid();
        TenantId = agreed.TenantId;
        CommissionId = agreed.CommissionId;
        ProposalId = agreed.Id;
        SchoolUrn = commission.SchoolUrn;
        SchoolName = commission.SchoolName;
        SupportedSchoolContactEmail = commission.SupportedSchoolContactEmail;
        CommissionerEmail = commission.CommissionerEmail;
        SetLeader(agreed.DesignationId, agreed.LeaderProfileId, agreed.LeaderUserId, agreed.LeaderName, agreed.LeaderEmail,
            agreed.LeaderSchoolUrn, agreed.LeaderSchoolName, agreed.HeadteacherName, agreed.HeadteacherEmail, agreed.DayRatePence);
        Objectives = [.. agreed.Objectives];
        AgreedHalfDays = agreed.HalfDays;
        Start = agreed.Start;
        End = agreed.End;
        State = DeploymentState.Active;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CommissionId { get; private set; }
    public Guid ProposalId { get; private set; }
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public string SupportedSchoolContactEmail { get; private set; } = "";
    public string CommissionerEmail { get; private set; } = "";
    public Guid DesignationId { get; private set; }
    public Guid LeaderProfileId { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public string LeaderName { get; private set; } = "";
    public string LeaderEmail { get; private set; } = "";
    public int LeaderSchoolUrn { get; private set; }
    public string LeaderSchoolName { get; private set; } = "";
    public string HeadteacherName { get; private set; } = "";
    public string HeadteacherEmail { get; private set; } = "";
    public int DayRatePence { get; private set; }
    public List<string> Objectives { get; private set; } = [];
    public int AgreedHalfDays { get; private set; }
    public int LoggedHalfDays { get; private set; }
    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }
    public DeploymentState State { get; private set; }
    public string? LastMoveNote { get; private set; }
    public uint Version { get; private set; }

    public int RemainingHalfDays => AgreedHalfDays - LoggedHalfDays;

    /// <summary>
    /// Said before days are logged (or a visit planned): null when they fit, otherwise how far over the agreement they
    /// would go, counting days already logged and any planned but not yet logged.
    /// </summary>
    public string? OverrunWarning(int halfDays, int plannedHalfDays = 0)
    {
        var total = LoggedHalfDays + plannedHalfDays + halfDays;
        return total <= AgreedHalfDays ? null
            : $"Logging {HalfDays.Describe(halfDays)} would take this deployment to {HalfDays.Describe(total)}, " +
              $"over the {HalfDays.Describe(AgreedHalfDays)} agreed by {HalfDays.Describe(total - AgreedHalfDays)}. Agree an extension first.";
    }

    public void LogDays(int halfDays)
    {
        if (State != DeploymentState.Active) throw new NotAllowedException("Days can be logged only on an active deployment.");
        if (halfDays <= 0) throw new InvalidInputException(nameof(halfDays), "Log at least half a day.");
        var warning = OverrunWarning(halfDays);
        if (warning is not null) throw new NotAllowedException(warning);
        LoggedHalfDays += halfDays;
    }

    public DeploymentTransition Extend(BrokerageRole actor, DateOnly newEnd, int extraHalfDays, string note)
    {
        if (newEnd < End || extraHalfDays < 0 || (newEnd == End && extraHalfDays == 0))
            throw new NotAllowedException("An extension adds days or moves the end later.");
        var t = Apply(DeploymentMove.Extend, actor, note);
        End = newEnd;
        AgreedHalfDays += extraHalfDays;
        return t;
    }

    public DeploymentTransition ChangeLeader(BrokerageRole actor, ProposedLeader leader, string note)
    {
        var t = Apply(DeploymentMove.ChangeLeader, actor, note);
        SetLeader(leader.DesignationId, leader.LeaderProfileId, leader.UserId, leader.Name, leader.Email, leader.SchoolUrn,
            leader.SchoolName, leader.HeadteacherName, leader.HeadteacherEmail, leader.DayRatePence);
        return t;
    }

    public DeploymentTransition Apply(DeploymentMove move, BrokerageRole actor, string? note)
    {
        var transition = DeploymentWorkflow.Table.Require(this, State, move, actor);
        if (move is DeploymentMove.Pause or DeploymentMove.EndEarly or DeploymentMove.ChangeLeader or DeploymentMove.Extend && string.IsNullOrWhiteSpace(note))
            throw new NotAllowedException("Record the reason for this change.");
        LastMoveNote = note?.Trim();
        State = transition.To;
        return transition;
    }

    private void SetLeader(Guid designationId, Guid profileId, string userId, string name, string email, int schoolUrn, string schoolName,
        string headName, string headEmail, int rate)
    {
        DesignationId = designationId;
        LeaderProfileId = profileId;
        LeaderUserId = userId;
        LeaderName = name;
        LeaderEmail = email;
        LeaderSchoolUrn = schoolUrn;
        LeaderSchoolName = schoolName;
        HeadteacherName = headName;
        HeadteacherEmail = headEmail;
        DayRatePence = rate;
    }
}

public static class DeploymentWorkflow
{
    public static readonly Workflow<DeploymentState, DeploymentMove, BrokerageRole, Deployment> Table = new(
    [
        new(DeploymentState.Active, DeploymentMove.Extend, DeploymentState.Active, BrokerageRole.Broker, "Extend"),
        new(DeploymentState.Paused, DeploymentMove.Extend, DeploymentState.Paused, BrokerageRole.Broker, "Extend"),
        new(DeploymentState.Active, DeploymentMove.ChangeLeader, DeploymentState.Active, BrokerageRole.Broker, "Change leader"),
        new(DeploymentState.Paused, DeploymentMove.ChangeLeader, DeploymentState.Paused, BrokerageRole.Broker, "Change leader"),
        new(DeploymentState.Active, DeploymentMove.Pause, DeploymentState.Paused, BrokerageRole.Broker, "Pause"),
        new(DeploymentState.Paused, DeploymentMove.Resume, DeploymentState.Active, BrokerageRole.Broker, "Resume"),
        new(DeploymentState.Active, DeploymentMove.EndEarly, DeploymentState.EndedEarly, BrokerageRole.Broker, "End early"),
        new(DeploymentState.Paused, DeploymentMove.EndEarly, DeploymentState.EndedEarly, BrokerageRole.Broker, "End early"),
        new(DeploymentState.Active, DeploymentMove.Complete, DeploymentState.Completed, BrokerageRole.Broker, "Mark complete",
            d => d.LoggedHalfDays == 0 ? "No days have been logged yet." : null),
    ], Display);

    public static string Display(DeploymentState state) => state switch
    {
        DeploymentState.Active => "Active",
        DeploymentState.Paused => "Paused",
        DeploymentState.EndedEarly => "Ended early",
        DeploymentState.Completed => "Completed",
        _ => state.ToString(),
    };
}
