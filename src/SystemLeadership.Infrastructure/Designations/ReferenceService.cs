using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// References, from the applicant naming a referee to the referee's answer through an emailed link (no account).
/// The link carries a random token; only its SHA-256 is stored; it works once and for 14 days.
/// </summary>
public sealed class ReferenceService(TenantDbContextFactory contexts, Changes changes, AppLinks links)
{
    public async Task RequestAsync(Guid applicationId, uint version, string refereeName, string refereeEmail, Actor applicant, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(refereeName) || refereeName.Length > 200) throw new InvalidInputException(nameof(refereeName), "Give the referee's name (200 characters at most).");
        if (string.IsNullOrWhiteSpace(refereeEmail) || refereeEmail.Length > 256 || !refereeEmail.Contains('@', StringComparison.Ordinal))
            throw new InvalidInputException(nameof(refereeEmail), "Give the referee's email address.");
        if (PlainText.HasMarkup(refereeName) || PlainText.HasMarkup(refereeEmail)) throw new InvalidInputException(nameof(refereeName), PlainText.MarkupMessage);
        await using var db = contexts.CreateDbContext();
        var application = await ApplicationService.LoadForChangeAsync(db, applicationId, version, ct);
        if (application.ApplicantUserId != applicant.UserId) throw new NotAllowedException("Only the applicant can ask for their reference.");
        if (string.Equals(refereeEmail.Trim(), application.ApplicantEmail, StringComparison.OrdinalIgnoreCase))
            throw new NotAllowedException($"Your referee must be someone else: {application.RefereeDescription}.");
        if (await db.References.AnyAsync(r => r.ApplicationId == applicationId && r.Outcome == ReferenceOutcome.Pending && r.RefereeEmail == refereeEmail.Trim(), ct))
            throw new NotAllowedException("You have already asked this referee; cancel that request first to send a new link.");

        var now = changes.Now;
        var facts = await ApplicationService.FactsAsync(db, applicationId, ct);
        var from = application.State;
        var transition = application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, now, facts: facts);
        var (reference, token) = Reference.Request(application.TenantId, application.Id, refereeName, refereeEmail, now);
        db.References.Add(reference);
        changes.For(db, application.TenantId).Audit("Application", application.Id, applicant, transition.Label, from.ToString(), application.State.ToString(),
            $"Referee: {reference.RefereeName} <{reference.RefereeEmail}>");

        var tenant = await ApplicationService.CurrentTenantAsync(db, ct);
        var email = RefereeEmails.Request(tenant, application, reference, links.ReferenceResponse(tenant.Slug, token));
        changes.For(db, application.TenantId).Send(email);
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>The applicant withdraws a request still awaited, to name someone else. The link stops working at once.</summary>
    public async Task CancelAsync(Guid applicationId, uint version, Guid referenceId, Actor applicant, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await ApplicationService.LoadForChangeAsync(db, applicationId, version, ct);
        if (application.ApplicantUserId != applicant.UserId) throw new NotAllowedException("Only the applicant can cancel their reference request.");
        var reference = await db.References.FirstOrDefaultAsync(r => r.Id == referenceId && r.ApplicationId == applicationId, ct) ?? throw new NotFoundException();
        reference.Cancel(changes.Now);
        var from = application.State;
        var othersPending = await db.References.AnyAsync(r => r.ApplicationId == applicationId && r.Id != referenceId && r.Outcome == ReferenceOutcome.Pending, ct);
        if (!othersPending) application.Apply(ApplicationMove.CancelReference, ApplicationActor.Applicant, changes.Now);
        // Touch the application so a second tab's cancel of the same request is told it changed.
        db.Entry(application).State = EntityState.Modified;
        changes.For(db, application.TenantId).Audit("Application", application.Id, applicant, "Reference request cancelled", from.ToString(), application.State.ToString(),
            $"Referee: {reference.RefereeName} <{reference.RefereeEmail}>");
        changes.For(db, application.TenantId).Send(RefereeEmails.RequestCancelled(application, reference));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>What a referee sees on opening their link; null when the link matches nothing in that tenant.</summary>
    public async Task<ReferenceRequestView?> ByTokenAsync(string tenantSlug, string token, CancellationToken ct = default)
    {
        await using var session = await OpenAsync(tenantSlug, token, ct);
        if (session is null) return null;
        var a = session.Application;
        return new ReferenceRequestView(session.Tenant.Name, a.ApplicantName, a.Scheme.Name, a.CurrentRole, a.MonthsInRole,
            a.SchoolName, session.Reference.RefereeName, session.Reference.WhyLinkUnusable(changes.Now));
    }

    public async Task RespondAsync(string tenantSlug, string token, ReferenceResponse response, CancellationToken ct = default)
    {
        await using var session = await OpenAsync(tenantSlug, token, ct) ?? throw new NotAllowedException("This reference link is not valid.");
        var (db, tenant, reference, application) = (session.Db, session.Tenant, session.Reference, session.Application);
        var now = changes.Now;
        var referee = Actor.Referee(reference.RefereeName, reference.RefereeEmail);
        var from = application.State;
        var facts = await ApplicationService.FactsAsync(db, application.Id, ct);
        string action;
        if (response.Confirm)
        {
            reference.Confirm(response.Role ?? "", response.YearsInRole ?? -1, response.ReleaseTimeConfirmed, response.Comments, now, response.ReleaseDaysPerTerm);
            // With two references needed, the first confirmation is recorded and the application waits for the second.
            var enough = facts.ConfirmedReferences + 1 >= application.Scheme.ReferencesRequired;
            action = enough
                ? application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, now, facts: facts).Label
                : $"Reference confirmed ({facts.ConfirmedReferences + 1} of {application.Scheme.ReferencesRequired})";
        }
        else
        {
            reference.Decline(response.DeclineReason ?? "", now);
            action = facts.PendingReferences > 1
                ? "Reference declined"
                : application.Apply(ApplicationMove.DeclineReference, ApplicationActor.Referee, now, facts: facts).Label;
        }
        db.Entry(application).State = EntityState.Modified;
        changes.For(db, application.TenantId).Audit("Application", application.Id, referee, action, from.ToString(), application.State.ToString(),
            response.Confirm ? $"Role: {reference.ConfirmedRole}; {reference.ConfirmedYearsInRole} years; release {reference.ReleaseDaysPerTerm?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "confirmed"} days a term" : reference.DeclineReason);
        var link = links.Application(tenant.Slug, application.Id);
        changes.For(db, application.TenantId).Send(ApplicantEmails.ReferenceAnswered(application, reference, link));
        if (application.State == ApplicationState.ReferenceReceived)
            changes.For(db, application.TenantId).Send(ApplicantEmails.ReadyForReview(application, await ChangeRecorder.ManagerEmailsAsync(db, ct), link));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private sealed class ReferenceSession(AppDbContext db, Tenant tenant, Reference reference, DesignationApplication application) : IAsyncDisposable
    {
        public AppDbContext Db { get; } = db;
        public Tenant Tenant { get; } = tenant;
        public Reference Reference { get; } = reference;
        public DesignationApplication Application { get; } = application;
        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    private async Task<ReferenceSession?> OpenAsync(string tenantSlug, string token, CancellationToken ct)
    {
        Tenant? tenant;
        await using (var national = contexts.WithoutTenant())
        {
            tenant = await national.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == tenantSlug, ct);
        }
        if (tenant is null || string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;

        var db = contexts.ForTenant(tenant.Id);
        var hash = Reference.Hash(token);
        var reference = await db.References.FirstOrDefaultAsync(r => r.TokenHash == hash || r.ReminderTokenHash == hash, ct);
        var application = reference is null ? null : await db.Applications.FirstOrDefaultAsync(a => a.Id == reference.ApplicationId, ct);
        if (reference is null || application is null)
        {
            await db.DisposeAsync();
            return null;
        }
        return new ReferenceSession(db, tenant, reference, application);
    }
}

public sealed record ReferenceRequestView(string AllianceName, string ApplicantName, string DesignationName, LeadershipRole? StatedRole,
    int StatedMonths, string? SchoolName, string RefereeName, string? WhyUnusable);

public sealed record ReferenceResponse(bool Confirm, string? Role, int? YearsInRole, bool ReleaseTimeConfirmed, string? Comments, string? DeclineReason,
    int? ReleaseDaysPerTerm = null);
