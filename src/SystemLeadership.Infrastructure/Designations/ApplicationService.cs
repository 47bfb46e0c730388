using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// The designation application's use cases. Each change is one SaveChanges: the record, its audit entry and its
/// outbox email commit together or not at all. Moves go through the workflow table, so the service refuses what the UI
/// would not offer.
/// </summary>
public sealed class ApplicationService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    public async Task<DesignationApplication> StartAsync(Actor applicant, DesignationType type, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var tenantId = db.TenantId ?? throw new InvalidOperationException("No tenant is selected.");
        var application = new DesignationApplication(tenantId, applicant.UserId, applicant.Name, applicant.Email, type);
        db.Applications.Add(application);
        Audit(db, application, applicant, "Application started", null, application.State);
        await db.SaveChangesAsync(ct);
        return application;
    }

    public async Task<DesignationApplication?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    public async Task<ApplicationDetails?> DetailsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return null;
        var references = await db.References.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == id, ct);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id).OrderBy(a => a.At).ToListAsync(ct);
        return new ApplicationDetails(application, references, designation, history);
    }

    public async Task<IReadOnlyList<DesignationApplication>> MineAsync(Actor applicant, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Applications.AsNoTracking().Where(a => a.ApplicantUserId == applicant.UserId)
            .OrderByDescending(a => a.SubmittedAt).ToListAsync(ct);
    }

    /// <summary>The alliance manager's queue: everything past draft, newest first.</summary>
    public async Task<IReadOnlyList<DesignationApplication>> QueueAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Applications.AsNoTracking().Where(a => a.State != ApplicationState.Draft)
            .OrderBy(a => a.State == ApplicationState.ReferenceReceived ? 0 : 1).ThenByDescending(a => a.SubmittedAt)
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Designation>> DesignationsOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Designations.AsNoTracking().Where(d => d.HolderUserId == userId).OrderByDescending(d => d.StartDate).ToListAsync(ct);
    }

    public async Task<Designation?> FindDesignationAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
    }

    /// <summary>The moves this person may make on this application now: what the UI shows as buttons.</summary>
    public static IReadOnlyList<ApplicationTransition> MovesFor(DesignationApplication application, Actor actor) =>
        ActorsFor(application, actor).SelectMany(a => ApplicationWorkflow.MovesFor(application.State, a)).ToList();

    public async Task SaveAnswersAsync(Guid id, uint version, LeadershipRole? role, int monthsInLeadershipRole, IEnumerable<string> specialisms, Actor applicant, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await LoadForChangeAsync(db, id, version, ct);
        if (application.ApplicantUserId != applicant.UserId) throw new MoveRefusedException("Only the applicant can change their answers.");
        application.UpdateAnswers(role, monthsInLeadershipRole, specialisms);
        await SaveAsync(db, ct);
    }

    public async Task MoveAsync(Guid id, uint version, ApplicationMove move, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await LoadForChangeAsync(db, id, version, ct);
        var who = ActorsFor(application, actor).Where(a => ApplicationWorkflow.Find(application.State, move, a) is not null).ToList();
        if (who.Count == 0) throw new MoveRefusedException("You cannot make that move on this application now.");
        if (move is ApplicationMove.RequestReference or ApplicationMove.ConfirmReference or ApplicationMove.DeclineReference)
            throw new MoveRefusedException("References are requested and answered through their own steps.");

        var from = application.State;
        var transition = application.Apply(move, who[0], clock.GetUtcNow(), reason);
        Audit(db, application, actor, transition.Label, from, application.State, reason);

        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == application.TenantId, ct);
        switch (move)
        {
            case ApplicationMove.Submit:
                Email(db, application.ApplicantEmail, $"Your {application.Preset.ShortName} application has been submitted",
                    $"""
                    Dear {application.ApplicantName},

                    Thank you: your application to {tenant.Name} has been submitted. Next, ask your headteacher for a reference
                    from your application page:

                    {links.Application(tenant.Slug, application.Id)}
                    """, application.TenantId);
                break;
            case ApplicationMove.Designate:
                var designation = new Designation(application, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), actor.Name);
                db.Designations.Add(designation);
                Audit(db, designation.Id, nameof(Designation), application.TenantId, actor, "Designated", null, designation.State.ToString(),
                    $"{application.Preset.Name}, {designation.StartDate:d MMMM yyyy} to {designation.EndDate:d MMMM yyyy}");
                Email(db, application.ApplicantEmail, $"You have been designated as an {application.Preset.ShortName}",
                    $"""
                    Dear {application.ApplicantName},

                    Congratulations: {tenant.Name} has designated you as a {application.Preset.Name.ToLowerInvariant()}
                    from {designation.StartDate:d MMMM yyyy} to {designation.EndDate:d MMMM yyyy}.

                    Your designation letter: {links.DesignationLetter(tenant.Slug, designation.Id)}
                    """, application.TenantId);
                break;
            case ApplicationMove.DoNotDesignate:
                Email(db, application.ApplicantEmail, $"The decision on your {application.Preset.ShortName} application",
                    $"""
                    Dear {application.ApplicantName},

                    {tenant.Name} has decided not to designate you at this time. The reason given: {reason}

                    {links.Application(tenant.Slug, application.Id)}
                    """, application.TenantId);
                break;
        }
        await SaveAsync(db, ct);
    }

    public async Task RequestReferenceAsync(Guid id, uint version, string refereeName, string refereeEmail, Actor applicant, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await LoadForChangeAsync(db, id, version, ct);
        if (application.ApplicantUserId != applicant.UserId) throw new MoveRefusedException("Only the applicant can ask for their reference.");
        if (string.Equals(refereeEmail.Trim(), application.ApplicantEmail, StringComparison.OrdinalIgnoreCase))
            throw new MoveRefusedException("Your referee must be someone else: your headteacher.");

        var now = clock.GetUtcNow();
        var from = application.State;
        var transition = application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, now);
        var (reference, token) = Reference.Request(application.TenantId, application.Id, refereeName, refereeEmail, now);
        db.References.Add(reference);
        Audit(db, application, applicant, transition.Label, from, application.State, $"Referee: {reference.RefereeName} <{reference.RefereeEmail}>");

        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == application.TenantId, ct);
        Email(db, reference.RefereeEmail, $"Reference request for {application.ApplicantName}",
            $"""
            Dear {reference.RefereeName},

            {application.ApplicantName} has applied to {tenant.Name} to be designated as a {application.Preset.Name.ToLowerInvariant()}
            and has named you as their referee. Please confirm their role and that your school can release them:

            {links.ReferenceResponse(tenant.Slug, token)}

            You do not need an account. The link works once and expires on {reference.ExpiresAt:d MMMM yyyy}.
            You keep the right to refuse any particular deployment of your member of staff.
            """, application.TenantId);
        await SaveAsync(db, ct);
    }

    /// <summary>What a referee sees on opening their link; null when the link matches nothing in that tenant.</summary>
    public async Task<ReferenceRequestView?> ReferenceByTokenAsync(string tenantSlug, string token, CancellationToken ct = default)
    {
        var found = await FindByTokenAsync(tenantSlug, token, ct);
        if (found is null) return null;
        var (db, tenant, reference, application) = found.Value;
        await using (db)
        {
            return new ReferenceRequestView(tenant.Name, application.ApplicantName, application.Preset.Name,
                application.CurrentRole, application.MonthsInLeadershipRole, reference.RefereeName, reference.WhyLinkUnusable(clock.GetUtcNow()));
        }
    }

    public async Task RespondToReferenceAsync(string tenantSlug, string token, ReferenceResponse response, CancellationToken ct = default)
    {
        var found = await FindByTokenAsync(tenantSlug, token, ct) ?? throw new MoveRefusedException("This reference link is not valid.");
        var (db, tenant, reference, application) = found;
        await using (db)
        {
            var now = clock.GetUtcNow();
            var referee = Actor.Referee(reference.RefereeName, reference.RefereeEmail);
            var from = application.State;
            ApplicationTransition transition;
            if (response.Confirm)
            {
                reference.Confirm(response.Role ?? "", response.YearsInRole ?? -1, response.ReleaseTimeConfirmed, response.Comments, now);
                transition = application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, now);
            }
            else
            {
                reference.Decline(response.DeclineReason ?? "", now);
                transition = application.Apply(ApplicationMove.DeclineReference, ApplicationActor.Referee, now);
            }
            Audit(db, application, referee, transition.Label, from, application.State, response.Confirm ? null : reference.DeclineReason);
            Email(db, application.ApplicantEmail,
                response.Confirm ? "Your reference has been received" : "Your referee has declined to give a reference",
                $"""
                Dear {application.ApplicantName},

                {reference.RefereeName} has {(response.Confirm ? "confirmed your reference" : "declined to give a reference: " + reference.DeclineReason)}.

                {links.Application(tenant.Slug, application.Id)}
                """, application.TenantId);
            await SaveAsync(db, ct);
        }
    }

    private async Task<(AppDbContext Db, Tenant Tenant, Reference Reference, DesignationApplication Application)?> FindByTokenAsync(string tenantSlug, string token, CancellationToken ct)
    {
        Tenant? tenant;
        await using (var national = contexts.WithoutTenant())
        {
            tenant = await national.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == tenantSlug, ct);
        }
        if (tenant is null || string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;

        var db = contexts.ForTenant(tenant.Id);
        var hash = Reference.Hash(token);
        var reference = await db.References.FirstOrDefaultAsync(r => r.TokenHash == hash, ct);
        var application = reference is null ? null : await db.Applications.FirstOrDefaultAsync(a => a.Id == reference.ApplicationId, ct);
        if (reference is null || application is null)
        {
            await db.DisposeAsync();
            return null;
        }
        return (db, tenant, reference, application);
    }

    private static IEnumerable<ApplicationActor> ActorsFor(DesignationApplication application, Actor actor)
    {
        if (application.ApplicantUserId == actor.UserId) yield return ApplicationActor.Applicant;
        // A manager never decides their own application.
        else if (actor.Is(TenantRoles.AllianceManager)) yield return ApplicationActor.AllianceManager;
    }

    private static async Task<DesignationApplication> LoadForChangeAsync(AppDbContext db, Guid id, uint version, CancellationToken ct)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new RecordNotFoundException();
        // The version the person saw: if it moved on, someone else changed it meanwhile.
        db.Entry(application).Property(a => a.Version).OriginalValue = version;
        return application;
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ChangedBySomeoneElseException();
        }
    }

    private void Audit(AppDbContext db, DesignationApplication application, Actor actor, string action, ApplicationState? from, ApplicationState to, string? detail = null) =>
        Audit(db, application.Id, "Application", application.TenantId, actor, action, from?.ToString(), to.ToString(), detail);

    private void Audit(AppDbContext db, Guid entityId, string entityType, Guid tenantId, Actor actor, string action, string? from, string? to, string? detail) =>
        db.AuditEntries.Add(new AuditEntry(tenantId, entityType, entityId, action, from, to, actor.UserId, actor.Name, clock.GetUtcNow(), detail));

    private void Email(AppDbContext db, string to, string subject, string body, Guid tenantId) =>
        Outbox.Enqueue(db, to, subject, body, tenantId, clock);
}

public sealed record ApplicationDetails(DesignationApplication Application, IReadOnlyList<Reference> References, Designation? Designation, IReadOnlyList<AuditEntry> History);

public sealed record ReferenceRequestView(string AllianceName, string ApplicantName, string DesignationName, LeadershipRole? StatedRole, int StatedMonths, string RefereeName, string? WhyUnusable);

public sealed record ReferenceResponse(bool Confirm, string? Role, int? YearsInRole, bool ReleaseTimeConfirmed, string? Comments, string? DeclineReason);

public sealed class RecordNotFoundException() : InvalidOperationException("Not found.");

public sealed class ChangedBySomeoneElseException()
    : InvalidOperationException("This record was changed by someone else while you were looking at it. Reload to see their change, then try again.");
