namespace SystemLeadership.Domain.Designations;

public enum ApplicationState
{
    Draft,
    Submitted,
    ReferenceRequested,
    ReferenceReceived,
    ReferenceDeclined,
    Designated,
    NotDesignated,
    Withdrawn,
}

public enum ApplicationMove
{
    Submit,
    RequestReference,
    ConfirmReference,
    DeclineReference,
    Designate,
    DoNotDesignate,
    Withdraw,
}

/// <summary>Who is acting on an application. Referees act through an emailed link, without an account.</summary>
public enum ApplicationActor
{
    Applicant,
    Referee,
    AllianceManager,
}

public sealed record ApplicationTransition(
    ApplicationState From, ApplicationMove Move, ApplicationState To, ApplicationActor Actor, string Label);

/// <summary>
/// The application lifecycle as one table. The UI offers only <see cref="MovesFor"/>; the entity refuses anything else,
/// so a move the UI would not show is refused below it too.
/// </summary>
public static class ApplicationWorkflow
{
    public static readonly IReadOnlyList<ApplicationTransition> Transitions = Build();

    public static readonly IReadOnlySet<ApplicationState> Final = new HashSet<ApplicationState>
    {
        ApplicationState.Designated, ApplicationState.NotDesignated, ApplicationState.Withdrawn,
    };

    public static IReadOnlyList<ApplicationTransition> MovesFor(ApplicationState state, ApplicationActor actor) =>
        Transitions.Where(t => t.From == state && t.Actor == actor).ToList();

    public static ApplicationTransition? Find(ApplicationState state, ApplicationMove move, ApplicationActor actor) =>
        Transitions.FirstOrDefault(t => t.From == state && t.Move == move && t.Actor == actor);

    private static List<ApplicationTransition> Build()
    {
        List<ApplicationTransition> table =
        [
            new(ApplicationState.Draft, ApplicationMove.Submit, ApplicationState.Submitted, ApplicationActor.Applicant, "Submit application"),
            new(ApplicationState.Submitted, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, ApplicationActor.Applicant, "Ask for a reference"),
            new(ApplicationState.ReferenceDeclined, ApplicationMove.RequestReference, ApplicationState.ReferenceRequested, ApplicationActor.Applicant, "Ask another referee"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.ConfirmReference, ApplicationState.ReferenceReceived, ApplicationActor.Referee, "Confirm reference"),
            new(ApplicationState.ReferenceRequested, ApplicationMove.DeclineReference, ApplicationState.ReferenceDeclined, ApplicationActor.Referee, "Decline to give a reference"),
            new(ApplicationState.ReferenceReceived, ApplicationMove.Designate, ApplicationState.Designated, ApplicationActor.AllianceManager, "Designate"),
            new(ApplicationState.ReferenceReceived, ApplicationMove.DoNotDesignate, ApplicationState.NotDesignated, ApplicationActor.AllianceManager, "Do not designate"),
        ];
        foreach (var state in Enum.GetValues<ApplicationState>().Where(s => s is not (ApplicationState.Designated or ApplicationState.NotDesignated or ApplicationState.Withdrawn)))
        {
            table.Add(new(state, ApplicationMove.Withdraw, ApplicationState.Withdrawn, ApplicationActor.Applicant, "Withdraw application"));
        }
        return table;
    }
}

/// <summary>A move the workflow does not allow from this state for this person.</summary>
public sealed class MoveRefusedException(string message) : InvalidOperationException(message);
