using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

/// <summary>An application for designation, from draft to decision.</summary>
public sealed class DesignationApplication : ITenantOwned
{
    private DesignationApplication() { }

    public DesignationApplication(Guid tenantId, string applicantUserId, string applicantName, string applicantEmail, DesignationType type)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        ApplicantUserId = applicantUserId;
        ApplicantName = applicantName;
        ApplicantEmail = applicantEmail;
        Type = type;
        State = ApplicationState.Draft;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string ApplicantUserId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string ApplicantEmail { get; private set; } = "";
    public DesignationType Type { get; private set; }
    public ApplicationState State { get; private set; }

    public LeadershipRole? CurrentRole { get; private set; }
    public int MonthsInLeadershipRole { get; private set; }
    public List<string> Specialisms { get; private set; } = [];

    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>The unmet rules as they stood when the decision was taken, kept with the decision.</summary>
    public List<string> UnmetRulesAtDecision { get; private set; } = [];
    public string? DecisionReason { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: two people saving the same application, the second is told it changed.</summary>
    public uint Version { get; private set; }

    public DesignationPreset Preset => DesignationPreset.For(Type);

    public ApplicantProfile Profile => new(CurrentRole, MonthsInLeadershipRole, Specialisms);

    public IReadOnlyList<string> UnmetRules => Preset.Eligibility.UnmetReasons(Profile);

    public void UpdateAnswers(LeadershipRole? role, int monthsInLeadershipRole, IEnumerable<string> specialisms)
    {
        if (State != ApplicationState.Draft) throw new MoveRefusedException("Only a draft application can be changed.");
        if (monthsInLeadershipRole is < 0 or > 600) throw new ArgumentOutOfRangeException(nameof(monthsInLeadershipRole), "Time in a leadership role must be between 0 and 50 years.");
        var chosen = specialisms.Distinct(StringComparer.Ordinal).ToList();
        var unknown = chosen.FirstOrDefault(s => !Designations.Specialisms.IsKnown(s));
        if (unknown is not null) throw new ArgumentException($"'{unknown}' is not one of the DfE areas of expertise.", nameof(specialisms));
        CurrentRole = role;
        MonthsInLeadershipRole = monthsInLeadershipRole;
        Specialisms = chosen;
    }

    /// <summary>Applies a move from the workflow table, or refuses it. Returns the transition for the audit entry.</summary>
    public ApplicationTransition Apply(ApplicationMove move, ApplicationActor actor, DateTimeOffset at, string? reason = null)
    {
        var transition = ApplicationWorkflow.Find(State, move, actor)
            ?? throw new MoveRefusedException($"This application is {StateNames.Display(State).ToLowerInvariant()}: it cannot be moved that way now.");

        switch (move)
        {
            case ApplicationMove.Submit:
                var unmet = UnmetRules;
                if (unmet.Count > 0) throw new MoveRefusedException("The application does not meet every eligibility rule: " + string.Join(" ", unmet));
                SubmittedAt = at;
                break;
            case ApplicationMove.Designate or ApplicationMove.DoNotDesignate:
                if (move == ApplicationMove.DoNotDesignate && string.IsNullOrWhiteSpace(reason))
                    throw new MoveRefusedException("Give the reason for not designating.");
                UnmetRulesAtDecision = [.. UnmetRules];
                DecisionReason = reason?.Trim();
                DecidedAt = at;
                break;
        }
        State = transition.To;
        return transition;
    }
}

public static class StateNames
{
    public static string Display(ApplicationState state) => state switch
    {
        ApplicationState.Draft => "Draft",
        ApplicationState.Submitted => "Submitted",
        ApplicationState.ReferenceRequested => "Reference requested",
        ApplicationState.ReferenceReceived => "Reference received",
        ApplicationState.ReferenceDeclined => "Reference declined",
        ApplicationState.Designated => "Designated",
        ApplicationState.NotDesignated => "Not designated",
        ApplicationState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };
}
