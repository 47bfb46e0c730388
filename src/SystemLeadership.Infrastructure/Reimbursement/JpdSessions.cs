using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>A leader who can facilitate a JPD group: an active designation here, with a school to reimburse.</summary>
public sealed record JpdLeader(Guid DesignationId, string Name, DesignationType Type, string SchoolName, int DayRatePence);

/// <summary>The JPD page: the sessions recorded, newest first, and the leaders a session can be recorded for.</summary>
public sealed record JpdOverview(IReadOnlyList<JpdSession> Sessions, IReadOnlyList<JpdLeader> Leaders);

/// <summary>
/// Joint practice development groups (004): a broker records a session a leader facilitated once it has happened; it
/// waits, unclaimed, for the term's claims (<see cref="GenerateClaims"/>), which pay the leader's school at the leader's
/// rate. Brokers only: to anyone else the page and every session are not found.
/// </summary>
public sealed class JpdSessionService(TenantDbContextFactory contexts, TimeProvider clock)
{
    public const string RequestKeyIndex = "IX_JpdSessions_TenantId_RequestKey";

    public async Task<JpdOverview?> OverviewAsync(Actor broker, CancellationToken ct = default)
    {
        if (!broker.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        var sessions = await db.Set<JpdSession>().AsNoTracking().OrderByDescending(s => s.Date).ThenBy(s => s.LeaderName).Take(200).ToListAsync(ct);
        return new(sessions, await LeadersAsync(db, ct));
    }

    /// <summary>
    /// Records a session. The form's key (<see cref="JpdSessionInput.RequestKey"/>) makes sending it again (after an
    /// error whose answer was lost, or two presses at once) record one session: the second answer is the first's.
    /// </summary>
    public async Task<JpdSession> RecordAsync(JpdSessionInput input, Actor broker, CancellationToken ct = default)
    {
        if (!broker.Is(TenantRoles.AllianceManager)) throw new NotFoundException();
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var urns = input.SchoolUrns.Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => urns.Contains(s.Urn)).Select(s => new { s.Urn, s.Name }).ToDictionaryAsync(s => s.Urn, s => s.Name, ct);
        var problems = new Dictionary<string, string>(JpdRules.Problems(input, r.Today, [.. urns.Where(u => !schools.ContainsKey(u))]));
        var leader = input.DesignationId is { } id ? (await LeadersAsync(db, ct)).FirstOrDefault(l => l.DesignationId == id) : null;
        if (input.DesignationId is not null && leader is null) problems["DesignationId"] = "Choose a leader with an active designation here.";
        if (problems.Count > 0) throw new InvalidInputException(problems);

        var holder = await db.Designations.AsNoTracking().Where(d => d.Id == input.DesignationId).Select(d => d.HolderUserId).FirstAsync(ct);
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.UserId == holder, ct);
        var session = new JpdSession(r.TenantId, profile, leader!.DayRatePence, input.Topic!, input.Date!.Value,
            JpdRules.HalfDaysFor(input.Days, input.Hours), input.Days is null ? input.Hours : null,
            [.. urns.Select(u => (u, schools[u]))], broker.Name, r.Now, input.RequestKey);
        db.Set<JpdSession>().Add(session);
        r.Audit(nameof(JpdSession), session.Id, broker, "JPD session recorded", null, null,
            $"{session.LeaderName}, {session.Date:d MMMM yyyy}, {HalfDays.Describe(session.HalfDays)}: {session.Topic} ({string.Join(", ", session.SchoolNames)})");
        return await ChangeRecorder.SaveOrFindAsync(db, RequestKeyIndex, session, s => s.RequestKey == input.RequestKey,
            recorded => recorded.LeaderProfileId == session.LeaderProfileId && recorded.Topic == session.Topic && recorded.Date == session.Date
                && recorded.HalfDays == session.HalfDays && recorded.Hours == session.Hours && recorded.SchoolUrns.SequenceEqual(session.SchoolUrns),
            _ => "This form was already sent with other details. To record another session, open the form afresh.", ct);
    }

    /// <summary>Takes back a session recorded in error, while no claim has it.</summary>
    public async Task RemoveAsync(Guid id, Actor broker, CancellationToken ct = default)
    {
        if (!broker.Is(TenantRoles.AllianceManager)) throw new NotFoundException();
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var session = await db.Set<JpdSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Deleted only while unclaimed, decided by the row itself: a claim generated meanwhile keeps it.
        var removed = await db.Set<JpdSession>().Where(s => s.Id == id && s.ClaimId == null).ExecuteDeleteAsync(ct);
        if (removed == 0) throw new NotAllowedException("This session is on a claim already; ask for changes to the claim instead.");
        r.Audit(nameof(JpdSession), session.Id, broker, "JPD session removed", null, null, $"{session.LeaderName}, {session.Date:d MMMM yyyy}: {session.Topic}");
        await ChangeRecorder.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Active designations whose holder has a school on their profile, each at the rate the search uses.</summary>
    private static async Task<List<JpdLeader>> LeadersAsync(AppDbContext db, CancellationToken ct) =>
        (await (from d in db.Designations.AsNoTracking()
                join p in db.Set<LeaderProfile>().AsNoTracking() on d.HolderUserId equals p.UserId
                where d.State == DesignationState.Active
                orderby d.HolderName
                select new { d.Id, d.HolderName, d.Type, p.SchoolName, d.DayRatePence, p.IsHeadteacher }).ToListAsync(ct))
        .Select(x => new JpdLeader(x.Id, x.HolderName, x.Type, x.SchoolName, x.DayRatePence ?? Money.DayRateFor(x.IsHeadteacher))).ToList();
}
