using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>An LLE who can be matched: an active LLE designation here.</summary>
public sealed record PartnerChoice(Guid DesignationId, string Name, string? SchoolName);

/// <summary>The partnerships page: those this person may see, and (for a broker) the LLEs to match.</summary>
public sealed record PartnershipsOverview(IReadOnlyList<ProfessionalPartnership> Partnerships, IReadOnlyList<PartnerChoice> Partners, bool IsBroker);

/// <summary>One partnership with its logged sessions, for its broker or its LLE.</summary>
public sealed record PartnershipView(ProfessionalPartnership Partnership, IReadOnlyList<PartnerSession> Sessions, bool IsBroker, bool IsPartner);

/// <summary>What the new head sees through the evaluation link.</summary>
public sealed record PartnershipToEvaluate(string AllianceName, string LeaderName, string NewHeadName, string Hours, string? WhyClosed);

/// <summary>A match as the broker types it.</summary>
public sealed record PartnershipMatch(Guid? DesignationId, string? NewHeadName, string? NewHeadEmail, int? SchoolUrn, DateOnly? HeadshipStart);

/// <summary>
/// LLEs as professional partners to new heads (003 §3). The tenant's brokers match and end partnerships; the LLE logs the
/// time they give; the new head evaluates through an emailed link. To anyone else — and to every other tenant — a
/// partnership is not there.
/// </summary>
public sealed class PartnershipService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    public async Task<PartnershipsOverview> OverviewAsync(Actor me, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        var broker = me.Is(TenantRoles.AllianceManager);
        var visible = db.Set<ProfessionalPartnership>().AsNoTracking().Where(p => broker || p.LeaderUserId == me.UserId);
        var partnerships = await visible.OrderBy(p => p.State).ThenByDescending(p => p.MatchedAt).Take(300).ToListAsync(ct);
        return new(partnerships, broker ? await PartnersAsync(db, ct) : [], broker);
    }

    public async Task<PartnershipView?> ForAsync(Guid id, Actor me, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var partnership = await db.Set<ProfessionalPartnership>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (partnership is null) return null;
        var broker = me.Is(TenantRoles.AllianceManager);
        var partner = partnership.LeaderUserId == me.UserId;
        if (!broker && !partner) return null;
        var sessions = await db.Set<PartnerSession>().AsNoTracking().Where(s => s.PartnershipId == id).OrderBy(s => s.Date).ThenBy(s => s.LoggedAt).ToListAsync(ct);
        return new(partnership, sessions, broker, partner);
    }

    /// <summary>A broker matches an LLE to a new, first-time head; both are emailed.</summary>
    public async Task<ProfessionalPartnership> MatchAsync(PartnershipMatch match, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var school = match.SchoolUrn is { } urn ? await db.Schools.AsNoTracking().Where(s => s.Urn == urn).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        var problems = ProfessionalPartnership.Problems(match.NewHeadName, match.NewHeadEmail, school is not null, match.HeadshipStart, r.Today);
        var lle = match.DesignationId is { } id
            ? await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Type == DesignationType.LocalLeaderOfEducation && d.State == DesignationState.Active, ct)
            : null;
        if (lle is null) problems["DesignationId"] = "Choose an LLE with an active designation here.";
        if (problems.Count > 0) throw new InvalidInputException(problems);

        var partnership = new ProfessionalPartnership(r.TenantId, lle!.Id, lle.HolderUserId, lle.HolderName, lle.HolderEmail,
            match.NewHeadName!, match.NewHeadEmail!, match.SchoolUrn!.Value, school!, match.HeadshipStart!.Value, broker.Name, r.Now);
        db.Set<ProfessionalPartnership>().Add(partnership);
        r.Audit(nameof(ProfessionalPartnership), partnership.Id, broker, "Professional partner matched", null, partnership.State.ToString(),
            $"{partnership.LeaderName} with {partnership.NewHeadName}, {partnership.SchoolName}");
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(PartnershipEmails.Matched(partnership, await TenantNameAsync(db, ct), links.Partnership(slug, partnership.Id)));
        await ChangeRecorder.SaveAsync(db, ct);
        return partnership;
    }

    /// <summary>The LLE (or a broker) logs time given to the new head.</summary>
    public async Task LogAsync(Guid id, uint version, DateOnly? date, decimal? hours, string? note, Actor me, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var partnership = await KeptAsync(db, id, me, ct);
        if (partnership.Version != version) throw new StaleException();
        if (date is null || hours is null)
        {
            Dictionary<string, string> missing = [];
            if (date is null) missing["Date"] = "Enter the date of the session as dd/mm/yyyy.";
            if (hours is null) missing["Hours"] = "Enter the hours given, such as 1.5.";
            throw new InvalidInputException(missing);
        }
        // Hours beyond a day are refused by the rule; kept within range before they become minutes.
        var minutes = hours.Value is > 0 and <= 24 ? (int)Math.Round(hours.Value * 60m) : -1;
        var session = partnership.Log(date.Value, minutes, note, r.Today, r.Now);
        db.Set<PartnerSession>().Add(session);
        r.Audit(nameof(ProfessionalPartnership), partnership.Id, me, "Partner time logged", null, null,
            $"{ProfessionalPartnership.Hours(session.Minutes)} on {session.Date:d MMMM yyyy}; {ProfessionalPartnership.Hours(partnership.LoggedMinutes)} in all");
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>A broker ends the partnership; the new head is emailed a link to a short evaluation.</summary>
    public async Task EndAsync(Guid id, uint version, string? note, Actor broker, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var partnership = await KeptAsync(db, id, broker, ct);
        ChangeRecorder.RequireBroker(broker);
        if (partnership.Version != version) throw new StaleException();
        var token = partnership.End(note, r.Today, r.Now);
        r.Audit(nameof(ProfessionalPartnership), partnership.Id, broker, "Professional partnership ended", nameof(PartnershipState.Active), partnership.State.ToString(),
            $"{ProfessionalPartnership.Hours(partnership.LoggedMinutes)} given");
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(PartnershipEmails.Evaluate(partnership, await TenantNameAsync(db, ct), links.PartnershipEvaluation(slug, token)));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>What the evaluation link is for; null when it matches nothing.</summary>
    public async Task<PartnershipToEvaluate?> ToEvaluateAsync(string tenantSlug, string token, CancellationToken ct = default)
    {
        var found = await ByTokenAsync(tenantSlug, token, tracked: false, ct);
        if (found is not { } f) return null;
        await using var db = f.Db;
        var p = f.Partnership;
        return new(f.TenantName, p.LeaderName, p.NewHeadName, ProfessionalPartnership.Hours(p.LoggedMinutes), p.WhyEvaluationClosed(clock.GetUtcNow()));
    }

    /// <summary>The new head's evaluation, once, within 30 days; the broker is told.</summary>
    public async Task EvaluateAsync(string tenantSlug, string token, int? rating, string? comment, CancellationToken ct = default)
    {
        var found = await ByTokenAsync(tenantSlug, token, tracked: true, ct) ?? throw new NotFoundException();
        await using var db = found.Db;
        var r = new ChangeRecorder(db, clock);
        var p = found.Partnership;
        p.Evaluate(rating, comment, r.Now);
        var head = new Actor("new-head:" + p.Id, p.NewHeadName, p.NewHeadEmail, TenantRoles.None);
        r.Audit(nameof(ProfessionalPartnership), p.Id, head, "Evaluated by the new head", null, null, $"{p.EvaluationRating} out of 5");
        r.Send(PartnershipEmails.Evaluated(p, await r.BrokerEmailsAsync(ct)));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private sealed record Found(AppDbContext Db, ProfessionalPartnership Partnership, string TenantName);

    private async Task<Found?> ByTokenAsync(string tenantSlug, string token, bool tracked, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        Tenant? tenant;
        await using (var national = contexts.WithoutTenant())
        {
            tenant = await national.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == tenantSlug, ct);
        }
        if (tenant is null) return null;
        var db = contexts.ForTenant(tenant.Id);
        var hash = LinkToken.Hash(token);
        var query = db.Set<ProfessionalPartnership>().Where(p => p.EvaluationTokenHash == hash);
        var partnership = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
        if (partnership is null)
        {
            await db.DisposeAsync();
            return null;
        }
        return new(db, partnership, tenant.Name);
    }

    /// <summary>The partnership, for its broker or its LLE; not found for anyone else.</summary>
    private static async Task<ProfessionalPartnership> KeptAsync(AppDbContext db, Guid id, Actor me, CancellationToken ct)
    {
        var partnership = await db.Set<ProfessionalPartnership>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (partnership is null || !(me.Is(TenantRoles.AllianceManager) || partnership.LeaderUserId == me.UserId)) throw new NotFoundException();
        return partnership;
    }

    private static async Task<List<PartnerChoice>> PartnersAsync(AppDbContext db, CancellationToken ct) =>
        await db.Designations.AsNoTracking()
            .Where(d => d.Type == DesignationType.LocalLeaderOfEducation && d.State == DesignationState.Active)
            .OrderBy(d => d.HolderName).Select(d => new PartnerChoice(d.Id, d.HolderName, d.SchoolName)).ToListAsync(ct);

    private static Task<string> TenantNameAsync(AppDbContext db, CancellationToken ct) =>
        db.Tenants.AsNoTracking().Where(t => t.Id == db.TenantId).Select(t => t.Name).FirstAsync(ct);
}
