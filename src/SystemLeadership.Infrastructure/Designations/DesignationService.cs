using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using DesignationTransition = SystemLeadership.Domain.Workflows.Transition<SystemLeadership.Domain.Designations.DesignationState, SystemLeadership.Domain.Designations.DesignationMove, SystemLeadership.Domain.Designations.ApplicationActor, SystemLeadership.Domain.Designations.DesignationContext>;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Designations;

public sealed record DesignationDetails(Designation Designation, IReadOnlyList<AuditEntry> History);

/// <summary>
/// A designation's life after the decision: training, suspension, de-designation with reason, date and decision-maker,
/// a change in the holder's circumstances flagged for review (the College's register: NationalRegister).
/// </summary>
public sealed class DesignationService(TenantDbContextFactory contexts, Changes changes, AppLinks links)
{
    /// <summary>The leader's history in this tenant: every designation, current or ended, newest first, with its trail.</summary>
    public async Task<IReadOnlyList<DesignationDetails>> HistoryOfAsync(string holderUserId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var designations = await db.Designations.AsNoTracking().Where(d => d.HolderUserId == holderUserId)
            .OrderByDescending(d => d.StartDate).ToListAsync(ct);
        var ids = designations.Select(d => d.Id).ToList();
        var history = await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.EntityId)).OrderBy(a => a.At).ToListAsync(ct);
        return designations.Select(d => new DesignationDetails(d, history.Where(h => h.EntityId == d.Id).ToList())).ToList();
    }

    public static IReadOnlyList<DesignationTransition> MovesFor(Designation designation, Actor actor) =>
        MovesFor(designation, DesignationParties.Of(designation, actor));

    /// <summary>The moves these parts may make on the designation now: a manager's, never on their own designation.</summary>
    public static IReadOnlyList<DesignationTransition> MovesFor(Designation designation, IReadOnlyList<DesignationRole> roles) =>
        DesignationParties.Sight(roles).Decide
            ? DesignationWorkflow.MovesFor(designation.State, ApplicationActor.AllianceManager)
            : [];

    public async Task MoveAsync(Guid id, uint version, DesignationMove move, Actor actor, DeDesignationReason? reason = null, string? note = null,
        DateOnly? effective = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var designation = await LoadForChangeAsync(db, id, version, ct);
        if (!MovesFor(designation, actor).Any(t => t.Move == move)) throw new NotAllowedException("You cannot make that move on this designation now.");
        var on = effective ?? changes.Today;
        if (on > changes.Today) throw new NotAllowedException("The date cannot be in the future.");
        // A designation that has not begun yet (a renewal decided early) can be ended from today.
        if (on < designation.StartDate && designation.StartDate <= changes.Today) throw new NotAllowedException("The date cannot be before the designation began.");
        var from = designation.State;
        var transition = designation.Apply(move, ApplicationActor.AllianceManager, on, actor.Name, reason, note);
        var detail = move == DesignationMove.DeDesignate
            ? $"{DesignationWorkflow.Display(reason!.Value)}: {designation.EndNote} (effective {on:d MMMM yyyy}; decided by {actor.Name})"
            : note;
        changes.For(db, designation.TenantId).Audit(nameof(Designation), designation.Id, actor, transition.Label, from.ToString(), designation.State.ToString(), detail);
        var tenant = await ApplicationService.CurrentTenantAsync(db, ct);
        changes.For(db, designation.TenantId).Send(DesignationEmails.Changed(tenant, designation, transition.Label, detail,
            $"{links.BaseUrl}/t/{tenant.Slug}/my-designations"));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    public async Task CompleteTrainingAsync(Guid id, uint version, string item, DateOnly on, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) throw new NotAllowedException("Only an alliance manager records training.");
        if (on > changes.Today) throw new NotAllowedException("The completion date cannot be in the future.");
        await using var db = contexts.CreateDbContext();
        var designation = await LoadForChangeAsync(db, id, version, ct);
        if (!designation.IsCurrent) throw new NotAllowedException("Training is recorded on a current designation.");
        designation.CompleteTraining(item, on);
        changes.For(db, designation.TenantId).Audit(nameof(Designation), designation.Id, actor, "Training completed", null, null, $"{item} on {on:d MMMM yyyy}");
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>
    /// The holder tells us their school or role has changed: every current designation they hold here is flagged for the
    /// decider to review (003 §7, 004), and the managers are told.
    /// </summary>
    public async Task ReportChangeAsync(Actor holder, LeadershipRole newRole, int? newSchoolUrn, string? note, CancellationToken ct = default)
    {
        if (note is { Length: > 1000 }) throw new InvalidInputException(nameof(note), "The note must be 1,000 characters or fewer.");
        if (PlainText.HasMarkup(note)) throw new InvalidInputException(nameof(note), PlainText.MarkupMessage);
        School? school = null;
        if (newSchoolUrn is { } urn)
        {
            await using var national = contexts.WithoutTenant();
            school = await national.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == urn, ct)
                ?? throw new InvalidInputException(nameof(newSchoolUrn), $"There is no school with URN {urn}.");
        }
        await using var db = contexts.CreateDbContext();
        var current = await db.Designations.Where(d => d.HolderUserId == holder.UserId
            && (d.State == DesignationState.Active || d.State == DesignationState.Suspended)).ToListAsync(ct);
        if (current.Count == 0) throw new NotAllowedException("You hold no current designation here.");
        var changed = new List<string>();
        foreach (var designation in current)
        {
            var what = new List<string>();
            if (designation.HolderRole != newRole) what.Add($"role changed from {designation.HolderRole?.Display() ?? "unknown"} to {newRole.Display()}");
            if (school is not null && designation.SchoolUrn != school.Urn) what.Add($"moved from {designation.SchoolName ?? "their school"} to {school.Name} (URN {school.Urn})");
            if (what.Count == 0) continue;
            var why = string.Join("; ", what) + (string.IsNullOrWhiteSpace(note) ? "" : $". {note.Trim()}");
            designation.FlagForReview(char.ToUpperInvariant(why[0]) + why[1..], changes.Now);
            changes.For(db, designation.TenantId).Audit(nameof(Designation), designation.Id, holder, "Flagged for review: circumstances changed", null, null, designation.ReviewFlag);
            changed.Add($"{designation.SchemeName}: {designation.ReviewFlag}");
        }
        if (changed.Count == 0) throw new NotAllowedException("That is the role and school we already hold for you.");
        var tenant = await ApplicationService.CurrentTenantAsync(db, ct);
        changes.For(db, tenant.Id).Send(DesignationEmails.ReviewNeeded(holder.Name, changed, await ChangeRecorder.ManagerEmailsAsync(db, ct),
            $"{links.BaseUrl}/t/{tenant.Slug}/designations"));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    public async Task ClearReviewAsync(Guid id, uint version, string outcome, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) throw new NotAllowedException("Only an alliance manager reviews designations.");
        if (string.IsNullOrWhiteSpace(outcome) || outcome.Length > 1000) throw new InvalidInputException(nameof(outcome), "Record the outcome of the review (1,000 characters at most).");
        if (PlainText.HasMarkup(outcome)) throw new InvalidInputException(nameof(outcome), PlainText.MarkupMessage);
        await using var db = contexts.CreateDbContext();
        var designation = await LoadForChangeAsync(db, id, version, ct);
        if (designation.ReviewFlag is null) throw new NotAllowedException("This designation is not flagged for review.");
        designation.ClearReview();
        changes.For(db, designation.TenantId).Audit(nameof(Designation), designation.Id, actor, "Review completed: designation kept", null, null, outcome.Trim());
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private static async Task<Designation> LoadForChangeAsync(AppDbContext db, Guid id, uint version, CancellationToken ct)
    {
        var designation = await db.Designations.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        if (designation.Version != version) throw new StaleException();
        db.Entry(designation).Property(d => d.Version).OriginalValue = version;
        return designation;
    }
}
