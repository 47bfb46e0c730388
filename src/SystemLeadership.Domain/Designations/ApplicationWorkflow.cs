using SystemLeadership.Domain.Workflows;

namespace SystemLeadership.Domain.Designations;

public enum ApplicationState
{
    Draft,
    Submitted,
    ReferenceRequested,
    ReferenceReceived,
    ReferenceDeclined,
    ReferenceExpired,
    Shortlisted,
    InterviewScheduled,
    Designated,
    NotDesignated,
    Withdrawn,
}

public enum ApplicationMove
{
    Submit,
    RequestReference,
    CancelReference,
    ConfirmReference,
    DeclineReference,
    ExpireReference,
    Shortlist,
    ScheduleInterview,
    Designate,
    DoNotDesignate,
    Withdraw,
}

/// <summary>
/// Who is acting on an application. Referees act through an emailed link, without an account; the decider is the
/// alliance manager for a tenant's own designations and a College administrator for national ones; the system
/// expires unanswered reference links.
/// </summary>
public enum ApplicationActor
{
    Applicant,
    Referee,
    AllianceManager,
    System,
}

/// <summary>What the guards of an application's moves look at: the application, and what its references and panel have done.</summary>
public sealed record ApplicationContext(DesignationApplication Application, DecisionFacts Facts);

/// <summary>
/// The application lifecycle as one table, each row with its guard (eligibility, enough references, an interview
/// scored when the scheme needs one). The UI offers only the moves whose guards pass
/// (<see cref="DesignationApplication.MovesFor"/>); the entity refuses anything else through <see cref="Table"/>, so a
/// move the UI would not show is refused below it too.
/// </summary>
public static class ApplicationWorkflow
{
    public static readonly IReadOnlySet<ApplicationState> Final = new HashSet<ApplicationState>
    {
        ApplicationState.Designated, ApplicationState.NotDesignated, ApplicationState.Withdrawn,
    };

    /// <summary>States a manager may decide from: the references are in (or the applicant could not get one).</summary>
    public static readonly IReadOnlySet<ApplicationState> Decidable = new HashSet<ApplicationState>
    {
        ApplicationState.ReferenceReceived, ApplicationState.Shortlisted, ApplicationState.InterviewScheduled,
    };

    // After the sets above: static fields initialise in order, and Build reads them.
    public static readonly Workflow<ApplicationState, ApplicationMove, ApplicationActor, ApplicationContext> Table = new(
        Build(), StateNames.Display,
        state => $"This application is {StateNames.Display(state).ToLowerInvariant()}: it cannot be moved that way now.");

    public static IReadOnlyList<ApplicationTransition> Transitions => Table.Transitions;

    /// <summary>Every row a person has from a state, guards aside: the table as documentation.</summary>
    public static IReadOnlyList<ApplicationTransition> MovesFor(ApplicationState state, ApplicationActor actor) => Table.RowsFor(state, actor);

    /// <summary>The row for this move by this person from this state, guards aside; null when the table has none.</summary>
    public static ApplicationTransition? Find(ApplicationState state, ApplicationMove move, ApplicationActor actor) =>
        Table.Transitions.FirstOrDefault(t => t.From == state && t.Move == move && t.Actor == actor);

    private static List<ApplicationTransition> Build()
    {
        const ApplicationActor applicant = ApplicationActor.Applicant, referee = ApplicationActor.Referee,
            manager = ApplicationActor.AllianceManager, system = ApplicationActor.System;
        List<ApplicationTransition> table =
        [
            new(ApplicationState.Draft, ApplicationMove.Submit, ApplicationState.Submitted, applicant, "Submit application", WhySubmitIsRefused),
            new(ApplicationState.Submitted, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask for a reference"),
            new(ApplicationState.ReferenceDeclined, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask another referee"),
            new(ApplicationState.ReferenceExpired, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask again or ask another referee"),
            // Schemes that need two references: the second request while the first is still out.
            new(ApplicationState.ReferenceRequested, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask another referee",
                c => c.Facts.ConfirmedReferences + c.Facts.PendingReferences >= c.Application.Scheme.ReferencesRequired
                    ? "Every reference this scheme needs has been asked for." : null),
            new(ApplicationState.ReferenceRequested, ApplicationMove.CancelReference, ApplicationState.Submitted, applicant, "Cancel the reference request"),
            // The application moves on with the last reference the scheme needs; earlier ones are recorded on the reference.
            new(ApplicationState.ReferenceRequested, ApplicationMove.ConfirmReference, ApplicationState.ReferenceReceived, referee, "Confirm reference",
                c => c.Facts.ConfirmedReferences + 1 < c.Application.Scheme.ReferencesRequired
                    ? $"This scheme needs {c.Application.Scheme.ReferencesRequired} references." : null),
            new(ApplicationState.ReferenceRequested, ApplicationMove.DeclineReference, ApplicationState.ReferenceDeclined, referee, "Decline to give a reference"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.ExpireReference, ApplicationState.ReferenceExpired, system, "Reference link expired"),
            new(ApplicationState.ReferenceReceived, ApplicationMove.Shortlist, ApplicationState.Shortlisted, manager, "Shortlist"),
            new(ApplicationState.Shortlisted, ApplicationMove.ScheduleInterview, ApplicationState.InterviewScheduled, manager, "Schedule interview"),
            new(ApplicationState.InterviewScheduled, ApplicationMove.ScheduleInterview, ApplicationState.InterviewScheduled, manager, "Reschedule interview"),
        ];
        foreach (var state in Decidable)
        {
            table.Add(new(state, ApplicationMove.Designate, ApplicationState.Designated, manager, "Designate",
                c => c.Application.Scheme.InterviewRequired && !c.Application.IsRenewal && !c.Facts.InterviewScored
                    ? "This scheme designates after an interview: record the panel's scores first."
                    : c.Application.IsRenewal && c.Application.RenewalCriteriaUnmetAtSubmission.Count > 0
                        ? $"{c.Application.ApplicantName} no longer meets the criteria ({string.Join(" ", c.Application.RenewalCriteriaUnmetAtSubmission)}), so is not re-designated: record the decision with Do not designate."
                        : null));
            table.Add(new(state, ApplicationMove.DoNotDesignate, ApplicationState.NotDesignated, manager, "Do not designate"));
        }
        // A manager may also turn down an application whose references did not come.
        table.Add(new(ApplicationState.ReferenceDeclined, ApplicationMove.DoNotDesignate, ApplicationState.NotDesignated, manager, "Do not designate"));
        table.Add(new(ApplicationState.ReferenceExpired, ApplicationMove.DoNotDesignate, ApplicationState.NotDesignated, manager, "Do not designate"));
        foreach (var state in Enum.GetValues<ApplicationState>().Where(s => !Final.Contains(s)))
        {
            table.Add(new(state, ApplicationMove.Withdraw, ApplicationState.Withdrawn, applicant, "Withdraw application"));
        }
        return table;
    }

    public const string RenewalExplanationNeeded =
        "You no longer meet every rule for this designation, and those who no longer meet the criteria are not re-designated: " +
        "correct your answers if they are out of date, or explain, and your alliance will record its decision.";

    /// <summary>Why a draft cannot be submitted yet: the first thing the applicant has still to do, or null.</summary>
    private static string? WhySubmitIsRefused(ApplicationContext context)
    {
        var application = context.Application;
        var unmet = application.UnmetRules;
        if (application.IsRenewal && string.IsNullOrWhiteSpace(application.EvidenceOfImpact)) return DesignationApplication.ImpactNeeded;
        if (unmet.Count > 0 && application.IsRenewal && string.IsNullOrWhiteSpace(application.Explanation))
            return RenewalExplanationNeeded;
        if (unmet.Count > 0 && !application.IsRenewal && !application.Scheme.ApplyWithExplanation)
            return "The application does not meet every eligibility rule: " + string.Join(" ", unmet);
        if (unmet.Count > 0 && string.IsNullOrWhiteSpace(application.Explanation))
            return "You do not meet every rule: explain why you are applying anyway.";
        if (application.Type == DesignationType.TeachingSchool && (application.ProposedAllianceName is null || application.FirstManagerEmail is null))
            return "Name the alliance and the email of its first alliance manager.";
        if (!application.IsRenewal && string.IsNullOrWhiteSpace(application.TrackRecord))
            return "Write your statement of track record.";
        return null;
    }
}
