using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Designations;
using ApplicationTransition = SystemLeadership.Domain.Workflows.Transition<SystemLeadership.Domain.Designations.ApplicationState, SystemLeadership.Domain.Designations.ApplicationMove, SystemLeadership.Domain.Designations.ApplicationActor, SystemLeadership.Domain.Designations.ApplicationContext>;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>A scheme a person can apply for in this tenant: a preset, or the tenant's own (with its id).</summary>
public sealed record AvailableScheme(SchemeDefinition Definition, Guid? SchemeId)
{
    public string Key => SchemeId?.ToString() ?? Definition.Type.ToString();
}

/// <summary>
/// The designation application's use cases. Each change is one SaveChanges: the record, its audit entry and its
/// outbox email commit together or not at all. Moves go through the workflow table, so the service refuses what the UI
/// would not offer.
/// </summary>
public sealed class ApplicationService(TenantDbContextFactory contexts, Changes changes, AppLinks links)
{
    public async Task<IReadOnlyList<AvailableScheme>> AvailableSchemesAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var tenant = await CurrentTenantAsync(db, ct);
        if (tenant.IsCollege) return Presets.DecidedBy(DesignatedBy.College).Select(p => new AvailableScheme(p, null)).ToList();
        var own = await db.Schemes.AsNoTracking().Where(s => s.IsOpen).OrderBy(s => s.Name).ToListAsync(ct);
        return Presets.DecidedBy(DesignatedBy.Tenant).Select(p => new AvailableScheme(p, null))
            .Concat(own.Select(s => new AvailableScheme(s.Definition, s.Id))).ToList();
    }

    /// <summary>
    /// Starts a draft, or returns the applicant's existing draft for the same scheme so drafts are not duplicated: also
    /// when the start is sent twice at once (a double click on the start page's button), as the two are taken one at a
    /// time for the person and the scheme.
    /// </summary>
    public async Task<DesignationApplication> StartAsync(Actor applicant, string schemeKey, CancellationToken ct = default)
    {
        var scheme = (await AvailableSchemesAsync(ct)).FirstOrDefault(s => s.Key == schemeKey)
            ?? throw new NotAllowedException("That designation is not offered here.");
        await using var db = contexts.CreateDbContext();
        var tenantId = db.TenantId ?? throw new InvalidOperationException("No tenant is selected.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({tenantId.ToString()}), hashtext({"start:" + applicant.UserId + ":" + scheme.Key}))", ct);
        var existing = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.ApplicantUserId == applicant.UserId
            && a.State == ApplicationState.Draft && a.Type == scheme.Definition.Type && a.SchemeId == scheme.SchemeId && a.RenewsDesignationId == null, ct);
        if (existing is not null) return existing;
        var application = new DesignationApplication(tenantId, applicant.UserId, applicant.Name, applicant.Email, scheme.Definition, scheme.SchemeId);
        db.Applications.Add(application);
        changes.For(db, tenantId).Audit("Application", application.Id, applicant, "Application started", null, application.State.ToString(), scheme.Definition.Name);
        await ChangeRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    /// <summary>Re-designation: the shorter form, under the scheme as it stands now, for the holder of a designation.</summary>
    public async Task<DesignationApplication> StartRenewalAsync(Actor holder, Guid designationId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == designationId, ct) ?? throw new NotFoundException();
        if (designation.HolderUserId != holder.UserId) throw new NotAllowedException("Only the holder can apply to renew a designation.");
        if (designation.State is not (DesignationState.Active or DesignationState.Expired))
            throw new NotAllowedException("Only an active or expired designation can be renewed.");
        // An array, not the set: EF translates Contains on an array to = ANY.
        ApplicationState[] final = [.. ApplicationWorkflow.Final];
        var existing = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.RenewsDesignationId == designationId && !final.Contains(a.State), ct);
        if (existing is not null) return existing;
        var scheme = designation.SchemeId is { } schemeId
            ? (await db.Schemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == schemeId, ct))?.Definition
            : Presets.For(designation.Type);
        if (scheme?.PeriodMonths is null) throw new NotAllowedException("This designation has no fixed period, so it does not need renewing.");
        var application = new DesignationApplication(designation.TenantId, holder.UserId, holder.Name, holder.Email, scheme, designation.SchemeId, designation);
        if (await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == designation.ApplicationId, ct) is { } original)
        {
            var rating = designation.SchoolUrn is { } urn
                ? await db.Schools.AsNoTracking().Where(s => s.Urn == urn).Select(s => s.OfstedRating).FirstOrDefaultAsync(ct) : null;
            application.PrefillRenewal(original, rating, changes.Now);
        }
        db.Applications.Add(application);
        changes.For(db, designation.TenantId).Audit("Application", application.Id, holder, "Re-designation started", null, application.State.ToString(),
            $"Renewing {designation.SchemeName} ({designation.StartDate:d MMM yyyy} to {designation.EndDate:d MMM yyyy})");
        await ChangeRecorder.SaveAsync(db, ct);
        return application;
    }

    public async Task<DesignationApplication?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>The moves these parts may make on this application now, given what its references and panel have done.</summary>
    public static IReadOnlyList<ApplicationTransition> MovesFor(DesignationApplication application, IReadOnlyList<ApplicationRole> roles, DecisionFacts facts) =>
        ApplicationParties.ActorsFor(roles)
            .SelectMany(a => application.MovesFor(a, facts))
            // References and interviews have their own forms; they are offered there, not as bare buttons.
            .Where(t => t.Move is not (ApplicationMove.RequestReference or ApplicationMove.CancelReference or ApplicationMove.ScheduleInterview))
            .ToList();

    /// <summary>Saves the draft as the applicant types; returns the saved application with its new version.</summary>
    public async Task<DesignationApplication> SaveAnswersAsync(Guid id, uint version, ApplicationAnswers answers, Actor applicant, CancellationToken ct = default)
    {
        School? school = null;
        if (answers.SchoolUrn is { } urn)
        {
            await using var national = contexts.WithoutTenant();
            school = await national.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == urn, ct);
            if (school is null || !school.IsOpenOn(UkTime.Day(changes.Now))) throw new InvalidInputException(nameof(answers), $"There is no open school with URN {urn}.");
        }
        await using var db = contexts.CreateDbContext();
        var application = await LoadForChangeAsync(db, id, version, ct);
        if (application.ApplicantUserId != applicant.UserId) throw new NotAllowedException("Only the applicant can change their answers.");
        application.UpdateAnswers(answers, school?.Name, school?.OfstedRating, changes.Now);
        await ChangeRecorder.SaveAsync(db, ct);
        return application;
    }

    /// <param name="startOn">Designate only: the day the designation starts (null: today, or after the current one for a renewal).</param>
    public async Task MoveAsync(Guid id, uint version, ApplicationMove move, Actor actor, string? reason = null, DateOnly? startOn = null, CancellationToken ct = default)
    {
        if (move is ApplicationMove.RequestReference or ApplicationMove.CancelReference or ApplicationMove.ConfirmReference
            or ApplicationMove.DeclineReference or ApplicationMove.ScheduleInterview or ApplicationMove.ExpireReference)
            throw new NotAllowedException("References and interviews are handled through their own steps.");
        await using var db = contexts.CreateDbContext();
        var application = await LoadForChangeAsync(db, id, version, ct);
        var who = ApplicationParties.ActorsFor(ApplicationParties.Of(application, [], actor)).Where(a => ApplicationWorkflow.Find(application.State, move, a) is not null).ToList();
        if (who.Count == 0) throw new NotAllowedException("You cannot make that move on this application now.");

        var facts = await FactsAsync(db, application.Id, ct);
        var from = application.State;
        var transition = application.Apply(move, who[0], changes.Now, reason, facts, actor.Name);
        var detail = move switch
        {
            ApplicationMove.Submit when application.UnmetRulesAtSubmission.Count > 0 =>
                "Submitted with an explanation; unmet: " + string.Join(" ", application.UnmetRulesAtSubmission),
            ApplicationMove.Designate or ApplicationMove.DoNotDesignate => string.Join(" ",
                new[] { reason, application.UnmetRulesAtDecision.Count > 0 ? "Unmet at decision: " + string.Join(" ", application.UnmetRulesAtDecision) : null }
                .Where(s => !string.IsNullOrWhiteSpace(s))),
            _ => reason,
        };
        changes.For(db, application.TenantId).Audit("Application", application.Id, actor, transition.Label, from.ToString(), application.State.ToString(),
            string.IsNullOrWhiteSpace(detail) ? null : detail);

        var tenant = await CurrentTenantAsync(db, ct);
        var link = links.Application(tenant.Slug, application.Id);
        NewAlliance? provisioned = null;
        switch (move)
        {
            case ApplicationMove.Submit:
                changes.For(db, application.TenantId).Send(ApplicantEmails.Submitted(tenant, application, link));
                break;
            case ApplicationMove.Shortlist:
                changes.For(db, application.TenantId).Send(ApplicantEmails.Shortlisted(tenant, application, link));
                break;
            case ApplicationMove.Withdraw:
                await CancelPendingReferencesAsync(db, application, ct);
                break;
            case ApplicationMove.Designate:
                provisioned = await new DesignateApplicant(changes, links).DesignateAsync(db, tenant, application, actor, startOn, ct);
                break;
            case ApplicationMove.DoNotDesignate:
                changes.For(db, application.TenantId).Send(ApplicantEmails.NotDesignated(tenant, application, reason, link));
                break;
        }
        if (provisioned is { } alliance)
        {
            await CrossTenantWrite.SaveBothAsync(db, contexts.ForStepIn(alliance.Tenant.Id), other =>
            {
                foreach (var (userId, roles) in alliance.FirstMembers)
                {
                    var newTenant = alliance.Tenant;
                    var membership = new Membership(newTenant.Id, userId, roles);
                    other.Memberships.Add(membership);
                    changes.For(other, newTenant.Id).Audit("Membership", membership.Id, actor, "Alliance created by teaching school designation", null, roles.ToString());
                }
            }, ct);
            return;
        }
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private async Task CancelPendingReferencesAsync(AppDbContext db, DesignationApplication application, CancellationToken ct)
    {
        var pending = await db.References.Where(r => r.ApplicationId == application.Id && r.Outcome == ReferenceOutcome.Pending).ToListAsync(ct);
        foreach (var reference in pending)
        {
            reference.Cancel(changes.Now);
            changes.For(db, application.TenantId).Send(ApplicantEmails.ReferenceWithdrawn(application, reference));
        }
    }

    internal static async Task<DecisionFacts> FactsAsync(AppDbContext db, Guid applicationId, CancellationToken ct)
    {
        var outcomes = await db.References.Where(r => r.ApplicationId == applicationId).Select(r => r.Outcome).ToListAsync(ct);
        var interviewId = await db.Interviews.Where(i => i.ApplicationId == applicationId).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        var scored = interviewId is { } iid && await db.Panellists.AnyAsync(p => p.InterviewId == iid, ct)
            && !await db.Panellists.AnyAsync(p => p.InterviewId == iid && p.ScoredAt == null, ct);
        return new DecisionFacts(outcomes.Count(o => o == ReferenceOutcome.Confirmed), outcomes.Count(o => o == ReferenceOutcome.Pending), scored);
    }

    internal static async Task<DesignationApplication> LoadForChangeAsync(AppDbContext db, Guid id, uint version, CancellationToken ct)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException();
        // Acting on a page that is out of date is "changed by someone else", even when the move would now be refused anyway.
        if (application.Version != version) throw new StaleException();
        // The version the person saw: if it moves on before we save, someone else changed it meanwhile.
        db.Entry(application).Property(a => a.Version).OriginalValue = version;
        return application;
    }

    internal static async Task<Tenant> CurrentTenantAsync(AppDbContext db, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == db.TenantId, ct);
}

public sealed record EvidenceSummary(Guid Id, string FileName, string ContentType, int SizeBytes, DateTimeOffset UploadedAt);

