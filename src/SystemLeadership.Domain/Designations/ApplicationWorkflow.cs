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

public sealed record ApplicationTransition(
    ApplicationState From, ApplicationMove Move, ApplicationState To, ApplicationActor Actor, string Label);

/// <summary>
/// The application lifecycle as one table. The UI offers only <see cref="MovesFor"/>; the entity refuses anything else,
/// so a move the UI would not show is refused below it too. Guards that depend on the application (eligibility, enough
/// confirmed references, an interview when the scheme needs one) live in <see cref="DesignationApplication.Apply"/>.
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
    public static readonly IReadOnlyList<ApplicationTransition> Transitions = Build();

    public static IReadOnlyList<ApplicationTransition> MovesFor(ApplicationState state, ApplicationActor actor) =>
        Transitions.Where(t => t.From == state && t.Actor == actor).ToList();

    public static ApplicationTransition? Find(ApplicationState state, ApplicationMove move, ApplicationActor actor) =>
        Transitions.FirstOrDefault(t => t.From == state && t.Move == move && t.Actor == actor);

    private static List<ApplicationTransition> Build()
    {
        const ApplicationActor applicant = ApplicationActor.Applicant, referee = ApplicationActor.Referee,
            manager = ApplicationActor.AllianceManager, system = ApplicationActor.System;
        List<ApplicationTransition> table =
        [
            new(ApplicationState.Draft, ApplicationMove.Submit, ApplicationState.Submitted, applicant, "Submit application"),
            new(ApplicationState.Submitted, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask for a reference"),
            new(ApplicationState.ReferenceDeclined, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask another referee"),
            new(ApplicationState.ReferenceExpired, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask again or ask another referee"),
            // Schemes that need two references: the second request while the first is still out.
            new(ApplicationState.ReferenceRequested, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, applicant, "Ask another referee"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.CancelReference, ApplicationState.Submitted, applicant, "Cancel the reference request"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.ConfirmReference, ApplicationState.ReferenceReceived, referee, "Confirm reference"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.DeclineReference, ApplicationState.ReferenceDeclined, referee, "Decline to give a reference"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.ExpireReference, ApplicationState.ReferenceExpired, system, "Reference link expired"),
            new(ApplicationState.ReferenceReceived, ApplicationMove.Shortlist, ApplicationState.Shortlisted, manager, "Shortlist"),
            new(ApplicationState.Shortlisted, ApplicationMove.ScheduleInterview, ApplicationState.InterviewScheduled, manager, "Schedule interview"),
            new(ApplicationState.InterviewScheduled, ApplicationMove.ScheduleInterview, ApplicationState.InterviewScheduled, manager, "Reschedule interview"),
        ];
        foreach (var state in Decidable)
        {
            table.Add(new(state, ApplicationMove.Designate, ApplicationState.Designated, manager, "Designate"));
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
}
