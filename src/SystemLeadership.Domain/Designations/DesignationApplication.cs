using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

/// <summary>The applicant's answers: what the scheme's rules need, plus their statement and evidence of impact.</summary>
public sealed record ApplicationAnswers(
    LeadershipRole? CurrentRole,
    int MonthsInRole,
    IReadOnlyCollection<string> Specialisms,
    int? SchoolUrn = null,
    string? TrackRecord = null,
    string? EvidenceOfImpact = null,
    string? Explanation = null,
    string? ProposedAllianceName = null,
    string? FirstManagerEmail = null,
    IReadOnlyList<RolePeriod>? RolePeriods = null)
{
    public const int MaxStatementLength = 4000;
}

/// <summary>What the guards of a decision need to know beyond the application itself.</summary>
public sealed record DecisionFacts(int ConfirmedReferences, int PendingReferences, bool InterviewScored)
{
    public static readonly DecisionFacts None = new(0, 0, false);
}

/// <summary>An application for designation, from draft to decision, judged by the copy of the scheme it was made under.</summary>
public sealed class DesignationApplication : ITenantOwned
{
    private DesignationApplication() { }

    public DesignationApplication(Guid tenantId, string applicantUserId, string applicantName, string applicantEmail,
        SchemeDefinition scheme, Guid? schemeId = null, Designation? renewing = null)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        ApplicantUserId = applicantUserId;
        ApplicantName = applicantName;
        ApplicantEmail = applicantEmail;
        Type = scheme.Type;
        SchemeId = schemeId;
        Scheme = scheme;
        State = ApplicationState.Draft;
        if (renewing is not null)
        {
            if (renewing.HolderUserId != applicantUserId) throw new NotAllowedException("Only the holder can apply to renew a designation.");
            RenewsDesignationId = renewing.Id;
            CurrentRole = renewing.HolderRole;
            Specialisms = [.. renewing.Specialisms];
            SchoolUrn = renewing.SchoolUrn;
            SchoolName = renewing.SchoolName;
        }
    }

    /// <summary>
    /// A designation an alliance made before it came here, brought in from its spreadsheet: the application is recorded
    /// as already decided, by the manager who imported it, with no eligibility check (it was judged at the time).
    /// </summary>
    public static DesignationApplication Imported(Guid tenantId, string userId, string name, string email, SchemeDefinition scheme, Guid? schemeId,
        IReadOnlyCollection<string> specialisms, int schoolUrn, string schoolName, string? schoolOfstedRating, DateTimeOffset at, string importedByName)
    {
        var application = new DesignationApplication(tenantId, userId, name, email, scheme, schemeId)
        {
            Specialisms = [.. specialisms],
            SchoolUrn = schoolUrn,
            SchoolName = schoolName,
            SchoolOfstedRating = schoolOfstedRating,
            LastSavedAt = at,
            SubmittedAt = at,
            State = ApplicationState.Designated,
            DecisionReason = "Designated before the alliance used SystemLeadership; imported from its records.",
            DecidedAt = at,
            DecidedByName = importedByName,
        };
        return application;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string ApplicantUserId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string ApplicantEmail { get; private set; } = "";
    public DesignationType Type { get; private set; }
    /// <summary>The tenant scheme this application is for, when it is not a preset.</summary>
    public Guid? SchemeId { get; private set; }
    public SchemeDefinition Scheme { get; private set; } = Presets.Sle;
    public ApplicationState State { get; private set; }
    /// <summary>Set for a re-designation: the shorter form, judged on evidence of impact rather than the entry rules.</summary>
    public Guid? RenewsDesignationId { get; private set; }

    public LeadershipRole? CurrentRole { get; private set; }
    public int MonthsInRole { get; private set; }
    /// <summary>Dated periods in the role, for a rule that looks back over a window (NLG: chairmanships in the last 5 years).</summary>
    public List<RolePeriod> RolePeriods { get; private set; } = [];
    public List<string> Specialisms { get; private set; } = [];
    public int? SchoolUrn { get; private set; }
    public string? SchoolName { get; private set; }
    public string? SchoolOfstedRating { get; private set; }
    public string? TrackRecord { get; private set; }
    public string? EvidenceOfImpact { get; private set; }
    public string? Explanation { get; private set; }
    public string? ProposedAllianceName { get; private set; }
    public string? FirstManagerEmail { get; private set; }
    public DateTimeOffset? LastSavedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>Unmet rules when submitted with an explanation, so the manager sees them highlighted.</summary>
    public List<string> UnmetRulesAtSubmission { get; private set; } = [];
    /// <summary>The unmet rules as they stood when the decision was taken, kept with the decision.</summary>
    public List<string> UnmetRulesAtDecision { get; private set; } = [];
    public string? DecisionReason { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedByName { get; private set; }

    /// <summary>PostgreSQL's xmin: two people saving the same application, the second is told it changed.</summary>
    public uint Version { get; private set; }

    public bool IsRenewal => RenewsDesignationId is not null;

    /// <summary>The answers as the rules read them; dated periods are counted as of submission (or the last save of a draft).</summary>
    public ApplicantProfile Profile => new(CurrentRole, MonthsInRole, Specialisms, SchoolUrn, SchoolOfstedRating,
        RolePeriods.Count > 0 ? RolePeriods : null, (SubmittedAt ?? LastSavedAt) is { } at ? UkTime.Day(at) : null);

    public const string ImpactNeeded = "Describe the impact of your work as a system leader since you were designated.";

    /// <summary>The criteria a renewal's answers did not meet when it was submitted (what the decision turns on).</summary>
    public IReadOnlyList<string> RenewalCriteriaUnmetAtSubmission => UnmetRulesAtSubmission.Where(r => r != ImpactNeeded).ToList();

    /// <summary>The type's criteria as they stand now that this person's answers do not meet.</summary>
    public IReadOnlyList<string> CriteriaUnmet => Scheme.Eligibility.UnmetReasons(Profile);

    /// <summary>
    /// What is not met. A renewal is judged on the impact of the holder's work and, as the original designation was
    /// (004: a "similar process"), on the type's criteria as they stand now: those who no longer meet them are not re-designated.
    /// </summary>
    public IReadOnlyList<string> UnmetRules => Unmet(IsRenewal, EvidenceOfImpact, CriteriaUnmet);

    /// <summary>The one rule for what is unmet, for the saved application and for the form as it is typed.</summary>
    public static IReadOnlyList<string> Unmet(bool renewal, string? evidenceOfImpact, IReadOnlyList<string> criteriaUnmet) =>
        renewal && string.IsNullOrWhiteSpace(evidenceOfImpact) ? [ImpactNeeded, .. criteriaUnmet] : criteriaUnmet;

    public bool IsHeadteacher => CurrentRole == LeadershipRole.Headteacher;

    /// <summary>Who the applicant should ask, in words (DOMAIN.md: a head asks their chair; an NLG asks their school's head).</summary>
    public string RefereeDescription => Scheme.Referee switch
    {
        RefereeKind.HeadteacherOfTheirSchool => "the headteacher of the school whose governing board you chair",
        _ when IsHeadteacher => "your chair of governors",
        _ => "your headteacher",
    };

    /// <summary>Saves the draft. The school comes from GIAS (looked up by the caller), never typed by the applicant.</summary>
    public void UpdateAnswers(ApplicationAnswers answers, string? schoolName, string? schoolOfstedRating, DateTimeOffset at)
    {
        if (State != ApplicationState.Draft) throw new NotAllowedException("Only a draft application can be changed.");
        // From dated periods the time in role is counted (and capped) below; typed, it must be sensible.
        if (answers.RolePeriods is not { Count: > 0 } && answers.MonthsInRole is < 0 or > 600)
            throw new InvalidInputException(nameof(answers), "Time in role must be between 0 and 50 years.");
        var chosen = answers.Specialisms.Distinct(StringComparer.Ordinal).ToList();
        var unknown = chosen.FirstOrDefault(s => !Designations.Specialisms.IsKnown(s));
        if (unknown is not null) throw new InvalidInputException(nameof(answers), $"'{unknown}' is not one of the DfE areas of expertise.");
        foreach (var text in new[] { answers.TrackRecord, answers.EvidenceOfImpact, answers.Explanation })
        {
            if (text is { Length: > ApplicationAnswers.MaxStatementLength })
                throw new InvalidInputException(nameof(answers), $"Statements must be {ApplicationAnswers.MaxStatementLength} characters or fewer.");
            if (PlainText.HasMarkup(text)) throw new InvalidInputException(nameof(answers), PlainText.MarkupMessage);
        }
        if (PlainText.HasMarkup(answers.ProposedAllianceName)) throw new InvalidInputException(nameof(answers), PlainText.MarkupMessage);
        if (answers.ProposedAllianceName is { Length: > 200 } || answers.FirstManagerEmail is { Length: > 256 })
            throw new InvalidInputException(nameof(answers), "The alliance name or manager's email is too long.");
        var periods = answers.RolePeriods ?? [];
        if (periods.Count > RolePeriod.Most) throw new InvalidInputException(nameof(answers), $"Enter at most {RolePeriod.Most} periods.");
        var today = UkTime.Day(at);
        if (periods.Select(p => p.Problem(today)).FirstOrDefault(p => p is not null) is { } periodProblem)
            throw new InvalidInputException(nameof(answers), periodProblem);
        CurrentRole = answers.CurrentRole;
        RolePeriods = [.. periods.Select(p => p with { School = p.School.Trim() })];
        // From dated periods, the time in role is theirs (the rules count them within their windows).
        MonthsInRole = periods.Count > 0 ? Math.Min(600, Designations.RolePeriods.MonthsInAll(periods, today)) : answers.MonthsInRole;
        Specialisms = chosen;
        SchoolUrn = answers.SchoolUrn;
        SchoolName = answers.SchoolUrn is null ? null : schoolName;
        SchoolOfstedRating = answers.SchoolUrn is null ? null : schoolOfstedRating;
        TrackRecord = Clean(answers.TrackRecord);
        EvidenceOfImpact = Clean(answers.EvidenceOfImpact);
        Explanation = Clean(answers.Explanation);
        ProposedAllianceName = Clean(answers.ProposedAllianceName);
        FirstManagerEmail = Clean(answers.FirstManagerEmail);
        LastSavedAt = at;
    }

    /// <summary>
    /// A renewal starts from what the first application recorded: the school's Ofsted rating as GIAS has it now, and the
    /// time in role given then plus the months since (kept within the longest window a rule looks back over). A
    /// designation imported from an alliance's records gave no time in role, so the holder enters it.
    /// </summary>
    public void PrefillRenewal(DesignationApplication original, string? schoolOfstedRating, DateTimeOffset now)
    {
        if (!IsRenewal || State != ApplicationState.Draft) throw new NotAllowedException("Only a draft renewal is prefilled.");
        SchoolOfstedRating = SchoolUrn is null ? null : schoolOfstedRating;
        if (original.RolePeriods.Count > 0)
        {
            // Dated periods carry over as they are: one that goes on is counted to today, within the rule's window.
            RolePeriods = [.. original.RolePeriods];
            MonthsInRole = Math.Min(600, Designations.RolePeriods.MonthsInAll(RolePeriods, UkTime.Day(now)));
            // The periods are counted as of today until the renewal is saved or submitted.
            LastSavedAt = now;
            return;
        }
        if (original.CurrentRole is null && original.MonthsInRole == 0) return;
        var since = original.SubmittedAt ?? original.DecidedAt ?? now;
        var months = (now.Year - since.Year) * 12 + now.Month - since.Month - (now.Day < since.Day ? 1 : 0);
        var window = Scheme.Rules.Where(r => r.WithinYears is not null).Select(r => r.WithinYears!.Value * 12).DefaultIfEmpty(600).Min();
        MonthsInRole = Math.Clamp(original.MonthsInRole + Math.Max(0, months), 0, window);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The moves this person may make now: the table's rows whose guards pass, for the action buttons.</summary>
    public IReadOnlyList<ApplicationTransition> MovesFor(ApplicationActor actor, DecisionFacts facts) =>
        ApplicationWorkflow.Table.MovesFor(new ApplicationContext(this, facts), State, actor);

    /// <summary>Applies a move from the workflow table, or refuses it. Returns the transition for the audit entry.</summary>
    public ApplicationTransition Apply(ApplicationMove move, ApplicationActor actor, DateTimeOffset at, string? reason = null,
        DecisionFacts? facts = null, string? decidedBy = null)
    {
        var transition = ApplicationWorkflow.Table.Require(new ApplicationContext(this, facts ?? DecisionFacts.None), State, move, actor);

        switch (move)
        {
            case ApplicationMove.Submit:
                UnmetRulesAtSubmission = [.. UnmetRules];
                SubmittedAt = at;
                break;
            case ApplicationMove.Designate or ApplicationMove.DoNotDesignate:
                if (move == ApplicationMove.DoNotDesignate && string.IsNullOrWhiteSpace(reason))
                    throw new NotAllowedException("Give the reason for not designating.");
                if (reason is { Length: > 4000 }) throw new NotAllowedException("The reason must be 4,000 characters or fewer.");
                if (PlainText.HasMarkup(reason)) throw new NotAllowedException(PlainText.MarkupMessage);
                // A renewal is decided on the answers it was submitted with (frozen since): what they did not meet then.
                UnmetRulesAtDecision = IsRenewal ? [.. RenewalCriteriaUnmetAtSubmission] : [.. UnmetRules];
                DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
                DecidedAt = at;
                DecidedByName = decidedBy;
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
        ApplicationState.ReferenceExpired => "Reference expired",
        ApplicationState.Shortlisted => "Shortlisted",
        ApplicationState.InterviewScheduled => "Interview scheduled",
        ApplicationState.Designated => "Designated",
        ApplicationState.NotDesignated => "Not designated",
        ApplicationState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };
}
