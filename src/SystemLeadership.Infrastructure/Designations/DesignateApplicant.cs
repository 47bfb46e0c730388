using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>A teaching school's new alliance and the first members to add to it, written in the same transaction.</summary>
internal sealed record NewAlliance(Tenant Tenant, List<(string UserId, TenantRoles Roles)> FirstMembers);

/// <summary>
/// How someone is designated once the decision is made: the designation and its dates (a renewal decided early starts
/// when the current one ends), the renewed designation marked re-designated, the leader's brokerage profile from the
/// confirmed reference, an NLE's national support school, a teaching school's new alliance, and the letter by email.
/// </summary>
internal sealed partial class DesignateApplicant(Changes changes, AppLinks links)
{
    public async Task<NewAlliance?> DesignateAsync(AppDbContext db, Tenant tenant, DesignationApplication application, Actor actor, DateOnly? startOn, CancellationToken ct)
    {
        // Today unless the decider chose a later day; a renewal decided early starts when the current designation ends,
        // so the holder loses no time (004: "4 more years").
        var currentEnd = application.RenewsDesignationId is { } renewedId
            ? await db.Designations.AsNoTracking().Where(d => d.Id == renewedId).Select(d => d.EndDate).FirstOrDefaultAsync(ct)
            : null;
        var start = startOn ?? DesignationStart.Earliest(changes.Today, currentEnd);
        if (DesignationStart.Problem(start, changes.Today, currentEnd) is { } problem) throw new InvalidInputException("startOn", problem);
        var designation = new Designation(application, start, actor.Name);
        db.Designations.Add(designation);
        var period = DesignationEmails.Period(designation);
        changes.For(db, application.TenantId).Audit(nameof(Designation), designation.Id, actor, "Designated", null, designation.State.ToString(),
            $"{designation.SchemeName}, {period}");

        if (application.RenewsDesignationId is { } renewsId)
        {
            var previous = await db.Designations.FirstOrDefaultAsync(d => d.Id == renewsId, ct);
            if (previous is not null && previous.State is DesignationState.Active or DesignationState.Expired)
            {
                var was = previous.State;
                previous.Apply(DesignationMove.ReDesignate, ApplicationActor.System, changes.Today, actor.Name);
                changes.For(db, previous.TenantId).Audit(nameof(Designation), previous.Id, actor, "Re-designated", was.ToString(), previous.State.ToString(),
                    $"Renewed by the designation starting {designation.StartDate:d MMMM yyyy}");
            }
        }
        await EnsureLeaderProfileAsync(db, application, designation, actor, ct);
        if (application.Type == DesignationType.NationalLeaderOfEducation)
        {
            var nss = Designation.SupportSchoolOf(designation);
            db.Designations.Add(nss);
            changes.For(db, application.TenantId).Audit(nameof(Designation), nss.Id, actor, "Designated national support school", null, nss.State.ToString(), nss.HolderName);
        }
        var provisioned = application.Type == DesignationType.TeachingSchool ? await ProvisionTeachingSchoolTenantAsync(db, application, ct) : null;
        (string Name, string Link)? alliance = provisioned is null ? null : (provisioned.Tenant.Name, $"{links.BaseUrl}/t/{provisioned.Tenant.Slug}");
        changes.For(db, application.TenantId).Send(DesignationEmails.Designated(tenant, application, designation, alliance,
            links.DesignationLetter(tenant.Slug, designation.Id)));
        return provisioned;
    }

    /// <summary>
    /// A designated leader becomes someone the broker can deploy: their school, who releases them (the referee who
    /// confirmed) and the days a term that referee said the school can spare. An existing profile is left as the broker set it.
    /// </summary>
    private async Task EnsureLeaderProfileAsync(AppDbContext db, DesignationApplication application, Designation designation, Actor actor, CancellationToken ct)
    {
        if (designation.SchoolUrn is not { } urn || application.Type is DesignationType.TeachingSchool) return;
        if (await db.Set<LeaderProfile>().AnyAsync(p => p.UserId == designation.HolderUserId, ct)) return;
        var referee = await db.References.AsNoTracking()
            .Where(r => r.ApplicationId == application.Id && r.Outcome == ReferenceOutcome.Confirmed)
            .OrderByDescending(r => r.RespondedAt).FirstOrDefaultAsync(ct);
        var halfDays = (referee?.ReleaseDaysPerTerm ?? 0) * 2;
        var profile = new LeaderProfile(application.TenantId, designation.HolderUserId, designation.HolderName, designation.HolderEmail, urn,
            designation.SchoolName ?? $"URN {urn}", application.IsHeadteacher, referee?.RefereeName ?? "", referee?.RefereeEmail ?? "", halfDays);
        db.Set<LeaderProfile>().Add(profile);
        changes.For(db, application.TenantId).Audit(nameof(LeaderProfile), profile.Id, actor, "Leader profile created at designation", null, null,
            referee?.ReleaseDaysPerTerm is { } days
                ? $"{designation.SchoolName}; released by {referee.RefereeName}; {days} days a term"
                : $"{designation.SchoolName}; no release days confirmed, so no capacity until the broker sets it");
    }

    /// <summary>
    /// Designating a teaching school creates its tenant and makes the named person its first alliance manager. A person
    /// without an account gets one with no password and an email telling them to choose one.
    /// </summary>
    private async Task<NewAlliance> ProvisionTeachingSchoolTenantAsync(AppDbContext db, DesignationApplication application, CancellationToken ct)
    {
        var name = application.ProposedAllianceName ?? $"{application.SchoolName} Teaching School Alliance";
        var baseSlug = SlugFrom(name);
        var slug = baseSlug;
        for (var n = 2; await db.Tenants.AnyAsync(t => t.Slug == slug, ct); n++) slug = $"{baseSlug[..Math.Min(baseSlug.Length, 55)]}-{n}";
        var tenant = new Tenant(name, slug, application.SchoolUrn ?? 0);
        db.Tenants.Add(tenant);

        var managerEmail = (application.FirstManagerEmail ?? application.ApplicantEmail).Trim();
        var normalized = managerEmail.ToUpperInvariant();
        var manager = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var newAccount = manager is null;
        if (manager is null)
        {
            manager = new ApplicationUser
            {
                UserName = managerEmail, NormalizedUserName = normalized, Email = managerEmail, NormalizedEmail = normalized,
                // The College vouches for the address; the password reset the email sends them to proves they read it.
                EmailConfirmed = true, FullName = managerEmail, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(manager);
        }
        var roles = TenantRoles.AllianceManager | (manager.Id == application.ApplicantUserId ? TenantRoles.Headteacher : TenantRoles.None);
        List<(string, TenantRoles)> firstMembers = [(manager.Id, roles)];
        if (manager.Id != application.ApplicantUserId) firstMembers.Add((application.ApplicantUserId, TenantRoles.Headteacher));
        changes.For(db, application.TenantId).Send(DesignationEmails.AllianceManagerOf(name, managerEmail,
            newAccount ? $"{links.BaseUrl}/Account/ForgotPassword" : null, $"{links.BaseUrl}/t/{slug}"));
        return new NewAlliance(tenant, firstMembers);
    }


    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    private static string SlugFrom(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length < 2) slug = "alliance";
        // The College's address is reserved: an alliance named "College" is never mistaken for it.
        if (slug == Tenant.CollegeSlug) slug += "-alliance";
        return slug.Length > 50 ? slug[..50].TrimEnd('-') : slug;
    }
}
