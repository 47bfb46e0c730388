using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

/// <summary>The parts a person plays on a designation application.</summary>
public enum ApplicationRole
{
    Applicant,
    Manager,
    Panellist,
}

/// <summary>
/// Who is a party to a designation application, worked out from the record, its interview panel and the person's
/// account: the applicant; any alliance manager of the tenant, except on their own application (a manager never decides
/// for themselves); and each headteacher sitting on that application's interview panel. Nobody else sees it.
/// </summary>
public static class ApplicationParties
{
    public static IReadOnlyList<ApplicationRole> Of(DesignationApplication application, IEnumerable<string> panelUserIds, Actor actor)
    {
        List<ApplicationRole> roles = [];
        if (application.ApplicantUserId == actor.UserId) roles.Add(ApplicationRole.Applicant);
        else if (actor.Is(TenantRoles.AllianceManager)) roles.Add(ApplicationRole.Manager);
        // The panel is chosen from the tenant's headteachers; the applicant never sits on their own.
        if (application.ApplicantUserId != actor.UserId && panelUserIds.Contains(actor.UserId, StringComparer.Ordinal))
            roles.Add(ApplicationRole.Panellist);
        return roles;
    }

    /// <summary>The lifecycle actors these parts act as; a panellist has no lifecycle moves, only their own scores.</summary>
    public static IEnumerable<ApplicationActor> ActorsFor(IEnumerable<ApplicationRole> roles)
    {
        foreach (var role in roles)
        {
            if (role == ApplicationRole.Applicant) yield return ApplicationActor.Applicant;
            else if (role == ApplicationRole.Manager) yield return ApplicationActor.AllianceManager;
        }
    }

    /// <summary>What a set of parts may see and do on an application now.</summary>
    public static ApplicationSight Sight(DesignationApplication application, IReadOnlyList<ApplicationRole> roles, bool anyScored)
    {
        var applicant = roles.Contains(ApplicationRole.Applicant);
        var manager = roles.Contains(ApplicationRole.Manager);
        var panellist = roles.Contains(ApplicationRole.Panellist);
        return new ApplicationSight(
            Application: roles.Count > 0,
            // Scores and comments are for those who decide and those who give them, not for the applicant.
            PanelScores: manager || panellist,
            EditDraft: applicant && application.State == ApplicationState.Draft,
            ManageReferences: applicant,
            ScheduleInterview: manager && application.State is ApplicationState.Shortlisted or ApplicationState.InterviewScheduled && !anyScored,
            Score: panellist && application.State == ApplicationState.InterviewScheduled);
    }
}

/// <summary>The parts of an application a person may see, and the kinds of step they may take on it.</summary>
public sealed record ApplicationSight(bool Application, bool PanelScores, bool EditDraft, bool ManageReferences, bool ScheduleInterview, bool Score);
