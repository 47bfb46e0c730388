using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Designations;

public sealed record PanelCandidate(string UserId, string Name, string Email);

/// <summary>Interviews with a panel of the alliance's headteachers (004), and each panellist's own scores.</summary>
public sealed class InterviewService(TenantDbContextFactory contexts, Changes changes, AppLinks links)
{
    /// <summary>The tenant's headteachers: who may sit on a panel.</summary>
    public async Task<IReadOnlyList<PanelCandidate>> PanelCandidatesAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Memberships.Where(m => (m.Roles & TenantRoles.Headteacher) == TenantRoles.Headteacher)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.FullName)
            .Select(u => new PanelCandidate(u.Id, u.FullName, u.Email ?? ""))
            .ToListAsync(ct);
    }

    public async Task ScheduleAsync(Guid applicationId, uint version, DateTimeOffset when, string location, IReadOnlyCollection<string> panelUserIds,
        Actor manager, CancellationToken ct = default)
    {
        if (!manager.Is(TenantRoles.AllianceManager)) throw new NotAllowedException("Only an alliance manager schedules interviews.");
        var chosen = panelUserIds.Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count is < 2 or > 6) throw new InvalidInputException(nameof(panelUserIds), "Choose between 2 and 6 headteachers for the panel.");
        await using var db = contexts.CreateDbContext();
        var application = await ApplicationService.LoadForChangeAsync(db, applicationId, version, ct);
        if (chosen.Contains(application.ApplicantUserId)) throw new InvalidInputException(nameof(panelUserIds), "The applicant cannot sit on their own panel.");
        var candidates = (await PanelCandidatesAsync(ct)).ToDictionary(c => c.UserId);
        var outsiders = chosen.Where(id => !candidates.ContainsKey(id)).ToList();
        if (outsiders.Count > 0) throw new InvalidInputException(nameof(panelUserIds), "Every panellist must be a headteacher in this alliance.");

        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.ApplicationId == applicationId, ct);
        if (interview is null)
        {
            interview = new Interview(application.TenantId, application.Id, when, location, changes.Now);
            db.Interviews.Add(interview);
        }
        else
        {
            interview.Reschedule(when, location, changes.Now);
        }
        var existing = await db.Panellists.Where(p => p.InterviewId == interview.Id).ToListAsync(ct);
        if (existing.Any(p => p.HasScored) && !existing.Select(p => p.UserId).ToHashSet().SetEquals(chosen))
            throw new NotAllowedException("Panellists have already scored: the panel can no longer change.");
        db.Panellists.RemoveRange(existing.Where(p => !chosen.Contains(p.UserId)));
        foreach (var id in chosen.Where(id => existing.All(p => p.UserId != id)))
        {
            db.Panellists.Add(new Panellist(application.TenantId, interview.Id, id, candidates[id].Name));
        }

        var from = application.State;
        var transition = application.Apply(ApplicationMove.ScheduleInterview, ApplicationActor.AllianceManager, changes.Now);
        var whenText = UkTime.Format(when, "dddd d MMMM yyyy 'at' HH:mm");
        var panelNames = string.Join(", ", chosen.Select(id => candidates[id].Name));
        changes.For(db, application.TenantId).Audit("Application", application.Id, manager, transition.Label, from.ToString(), application.State.ToString(),
            $"{whenText}, {interview.Location}; panel: {panelNames}");
        var tenant = await ApplicationService.CurrentTenantAsync(db, ct);
        var link = links.Application(tenant.Slug, application.Id);
        changes.For(db, application.TenantId).Send(InterviewEmails.Invitation(tenant, application, interview, chosen.Select(id => candidates[id].Name), link));
        changes.For(db, application.TenantId).Send(InterviewEmails.Panel(application, interview, chosen.Select(id => candidates[id].Email), link));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>A panellist records their own scores and comments; nobody scores for someone else.</summary>
    public async Task ScoreAsync(Guid applicationId, Guid panellistId, uint version, IReadOnlyList<int> scores, string? comments, Actor panellistActor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var panellist = await db.Panellists.FirstOrDefaultAsync(p => p.Id == panellistId, ct) ?? throw new NotFoundException();
        var interview = await db.Interviews.AsNoTracking().FirstOrDefaultAsync(i => i.Id == panellist.InterviewId && i.ApplicationId == applicationId, ct)
            ?? throw new NotFoundException();
        if (panellist.UserId != panellistActor.UserId) throw new NotAllowedException("Only the panellist can record their own scores.");
        var application = await db.Applications.AsNoTracking().FirstAsync(a => a.Id == interview.ApplicationId, ct);
        if (application.State != ApplicationState.InterviewScheduled) throw new NotAllowedException("Scores are recorded while the interview is scheduled, before the decision.");
        db.Entry(panellist).Property(p => p.Version).OriginalValue = version;
        panellist.Score(scores, comments, changes.Now);
        changes.For(db, application.TenantId).Audit("Application", application.Id, panellistActor, "Panel scores recorded", null, null,
            $"{panellist.Name}: {string.Join(", ", Interview.Criteria.Zip(scores, (c, s) => $"{c} {s}/4"))}{(panellist.Comments is null ? "" : ". " + panellist.Comments)}");
        await ChangeRecorder.SaveAsync(db, ct);
    }
}
