using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>A leader's profile as its page shows it: the profile, the terms ahead with what is agreed in each, the days away, and the school's own limit.</summary>
public sealed record LeaderProfilePage(
    LeaderProfile Profile,
    IReadOnlyList<(SchoolTerm Term, int Agreed, int SchoolAgreed)> Terms,
    IReadOnlyList<AwayPeriod> Away,
    SchoolCapacity? School,
    bool IsSelf,
    bool IsBroker);

/// <summary>
/// A leader's brokerage profile: their school, who releases them, the days a term they can give, the days they are away
/// (the availability calendar the search checks) and their school's own limit. The leader keeps their own; the
/// alliance's brokers keep anyone's. To anyone else of the alliance, and to every other tenant, a profile is not there.
/// </summary>
public sealed class LeaderProfileService(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>How many terms the page shows: this one and the next two.</summary>
    public const int TermsAhead = 3;

    public async Task<LeaderProfile> SaveLeaderProfileAsync(Actor broker, string userId, string name, string email, int schoolUrn, bool isHeadteacher,
        string headteacherName, string headteacherEmail, int capacityHalfDaysPerTerm, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == schoolUrn, ct);
        var schoolName = school?.Name ?? $"URN {schoolUrn}";
        var profile = await db.Set<LeaderProfile>().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            profile = new LeaderProfile(r.TenantId, userId, name, email, schoolUrn, schoolName, isHeadteacher, headteacherName, headteacherEmail, capacityHalfDaysPerTerm);
            db.Set<LeaderProfile>().Add(profile);
        }
        else
        {
            profile.Update(schoolUrn, schoolName, isHeadteacher, headteacherName, headteacherEmail, capacityHalfDaysPerTerm);
        }
        r.Audit(nameof(LeaderProfile), profile.Id, broker, "Leader profile saved", null, null,
            $"{schoolName}; {HalfDays.Describe(capacityHalfDaysPerTerm)} a term");
        await ChangeRecorder.SaveAsync(db, ct);
        return profile;
    }

    /// <summary>A leader's profile and the half days agreed deployments hold in each term (by term key).</summary>
    public async Task<(LeaderProfile Profile, IReadOnlyDictionary<string, int> Committed)?> LeaderCapacityAsync(string userId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null) return null;
        var committed = await db.Set<CapacityCommitment>().AsNoTracking().Where(c => c.LeaderProfileId == profile.Id)
            .GroupBy(c => c.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) }).ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);
        return (profile, committed);
    }

    /// <summary>
    /// The profile page: the one given by id, or the person's own when none is given. Null when there is none, or when it
    /// is neither theirs nor theirs to broker.
    /// </summary>
    public async Task<LeaderProfilePage?> PageAsync(Guid? profileId, Actor me, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        var profile = await db.Set<LeaderProfile>().AsNoTracking()
            .FirstOrDefaultAsync(p => profileId == null ? p.UserId == me.UserId : p.Id == profileId, ct);
        if (profile is null || !MayKeep(profile, me)) return null;
        var terms = TermsFrom(Today);
        var keys = terms.Select(t => t.Key).ToList();
        var agreed = await db.Set<CapacityCommitment>().AsNoTracking().Where(c => c.LeaderProfileId == profile.Id && keys.Contains(c.TermKey))
            .GroupBy(c => c.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) }).ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);
        var school = await db.Set<SchoolCapacity>().AsNoTracking().FirstOrDefaultAsync(s => s.SchoolUrn == profile.SchoolUrn, ct);
        var schoolAgreed = school is null ? null : (await FindLeaders.SchoolTimeAsync(db, [profile.SchoolUrn], keys, ct)).GetValueOrDefault(profile.SchoolUrn);
        var today = Today;
        var away = await db.Set<AwayPeriod>().AsNoTracking().Where(a => a.LeaderProfileId == profile.Id && a.To >= today).OrderBy(a => a.From).ToListAsync(ct);
        return new(profile,
            [.. terms.Select(t => (t, agreed.GetValueOrDefault(t.Key), schoolAgreed?.Committed.GetValueOrDefault(t) ?? 0))],
            away, school, profile.UserId == me.UserId, me.Is(TenantRoles.AllianceManager));
    }

    /// <summary>
    /// Saves the school, who releases the leader and the days a term, under the leader's row lock so no agreement
    /// spends days in between; days a term never below what is agreed in this term or a later one. The alliance's
    /// brokers are told when the leader changes their own.
    /// </summary>
    public async Task UpdateAsync(Guid profileId, uint version, LeaderProfileInput input, Actor me, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = new ChangeRecorder(db, clock);
        await AgreeDeployment.LockLeaderAsync(db, r.TenantId, profileId, ct);
        var profile = await db.Set<LeaderProfile>().FirstAsync(p => p.Id == profileId, ct);
        if (!MayKeep(profile, me)) throw new NotFoundException();
        if (profile.Version != version) throw new StaleException();
        var broker = me.Is(TenantRoles.AllianceManager);
        var releaserChanged = input.SchoolUrn != profile.SchoolUrn || input.IsHeadteacher != profile.IsHeadteacher
            || (input.HeadteacherName?.Trim() ?? "") != profile.HeadteacherName
            || !string.Equals(input.HeadteacherEmail?.Trim() ?? "", profile.HeadteacherEmail, StringComparison.OrdinalIgnoreCase);
        // Who releases a leader agrees to each of their deployments: the leader does not name them, the broker records them.
        if (!broker && releaserChanged)
            throw new InvalidInputException("SchoolUrn", "Ask the alliance's broker to change your school or who releases you: they agree to each of your deployments, so the broker records them.");
        var school = input.SchoolUrn is { } urn ? await db.Schools.AsNoTracking().Where(s => s.Urn == urn).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        var agreedAhead = await AgreedAheadAsync(db, profile.Id, ct);
        var problems = new Dictionary<string, string>(LeaderProfileRules.Problems(input, school, agreedAhead));
        // A leader changes only their days: what the broker recorded about their school stands as it is.
        if (!broker) problems = problems.Where(p => p.Key == "DaysPerTerm").ToDictionary();
        if (Actor.SameEmail(input.HeadteacherEmail?.Trim(), profile.Email))
            problems["HeadteacherEmail"] = "A leader cannot release themselves: give the headteacher's (or chair's) own address.";
        if (problems.Count == 0 && input.SchoolUrn != profile.SchoolUrn)
        {
            // A move takes the leader's agreed days to the new school: within its own limit, under its lock (after the leader's).
            var full = await AgreeDeployment.SchoolOverAsync(db, r.TenantId, input.SchoolUrn!.Value, agreedAhead, ct);
            if (full is not null) problems["SchoolUrn"] = $"{school} cannot take the days already agreed for this leader: it {full}";
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);

        var before = Describe(profile);
        var halfDays = (int)(input.DaysPerTerm!.Value * 2);
        if (broker) profile.Update(input.SchoolUrn!.Value, school!, input.IsHeadteacher, input.HeadteacherName!.Trim(), input.HeadteacherEmail!.Trim(), halfDays);
        else profile.Update(profile.SchoolUrn, profile.SchoolName, profile.IsHeadteacher, profile.HeadteacherName, profile.HeadteacherEmail, halfDays);
        var after = Describe(profile);
        if (before == after) return;
        r.Audit(nameof(LeaderProfile), profile.Id, me, "Leader profile changed", null, null, $"Before: {before}. Now: {after}.");
        if (!me.Is(TenantRoles.AllianceManager))
            r.Send(LeaderProfileEmails.Changed(profile, before, after, await r.BrokerEmailsAsync(ct)));
        await ChangeRecorder.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    public const string AwayRequestKeyIndex = "IX_AwayPeriods_TenantId_RequestKey";

    /// <summary>
    /// Marks days the leader cannot be deployed; the brokers are told when they fall in an agreed deployment. The form's
    /// <paramref name="requestKey"/> makes sending it again mark the days once (the second answer is the first's period).
    /// </summary>
    public async Task<AwayPeriod> MarkAwayAsync(Guid profileId, DateOnly from, DateOnly to, string? reason, Actor me, Guid? requestKey = null,
        CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId, ct);
        if (profile is null || !MayKeep(profile, me)) throw new NotFoundException();
        var problems = AwayPeriod.Problems(from, to, reason, r.Today);
        if (problems.Count > 0) throw new InvalidInputException(problems);
        var away = new AwayPeriod(r.TenantId, profile.Id, from, to, reason, r.Today, requestKey);
        db.Set<AwayPeriod>().Add(away);
        r.Audit(nameof(AwayPeriod), away.Id, me, "Marked away", null, null, away.Reason is null ? away.Span.ToString() : $"{away.Span}: {away.Reason}");
        var clashes = await db.Set<Deployment>().AsNoTracking()
            .Where(d => d.LeaderProfileId == profile.Id && (d.State == DeploymentState.Active || d.State == DeploymentState.Paused) && d.Start <= to && d.End >= from)
            .Select(d => d.SchoolName).ToListAsync(ct);
        if (clashes.Count > 0) r.Send(LeaderProfileEmails.AwayDuringDeployments(profile, away.Span, clashes, await r.BrokerEmailsAsync(ct)));
        return await ChangeRecorder.SaveOrFindAsync(db, AwayRequestKeyIndex, away, a => a.RequestKey == requestKey,
            marked => marked.LeaderProfileId == away.LeaderProfileId && marked.From == away.From && marked.To == away.To && marked.Reason == away.Reason,
            _ => "This form was already sent with other details. To mark other days, open the form afresh.", ct);
    }

    public async Task RemoveAwayAsync(Guid profileId, Guid awayId, Actor me, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId, ct);
        if (profile is null || !MayKeep(profile, me)) throw new NotFoundException();
        var away = await db.Set<AwayPeriod>().FirstOrDefaultAsync(a => a.Id == awayId && a.LeaderProfileId == profileId, ct) ?? throw new NotFoundException();
        db.Set<AwayPeriod>().Remove(away);
        r.Audit(nameof(AwayPeriod), away.Id, me, "Away period removed", null, null, away.Span.ToString());
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>
    /// Sets (or, with null, lifts) the days a term the leader's school releases all its leaders for, under the school's
    /// row lock, never below what is agreed for them in this term or a later one. Brokers only.
    /// </summary>
    public async Task SetSchoolDaysAsync(Guid profileId, decimal? daysPerTerm, Actor broker, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId, ct);
        if (profile is null || !MayKeep(profile, broker)) throw new NotFoundException();
        ChangeRecorder.RequireBroker(broker);
        if (daysPerTerm is { } d && (d < 0 || d > LeaderProfileRules.MostHalfDaysPerTerm / 2m || d * 2 != decimal.Truncate(d * 2)))
            throw new InvalidInputException("SchoolDaysPerTerm", $"Enter whole or half days, from 0 to {LeaderProfileRules.MostHalfDaysPerTerm / 2}.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = new ChangeRecorder(db, clock);
        await AgreeDeployment.LockSchoolAsync(db, r.TenantId, profile.SchoolUrn, ct);
        var school = await db.Set<SchoolCapacity>()
            .FromSql($"""SELECT *, xmin FROM "SchoolCapacities" WHERE "TenantId" = {r.TenantId} AND "SchoolUrn" = {profile.SchoolUrn} FOR UPDATE""")
            .FirstOrDefaultAsync(ct);
        var before = school is null ? "No limit of its own" : HalfDays.Describe(school.CapacityHalfDaysPerTerm) + " a term";
        if (daysPerTerm is not { } days)
        {
            if (school is null) return;
            db.Set<SchoolCapacity>().Remove(school);
            r.Audit(nameof(SchoolCapacity), school.Id, broker, "School's days for its leaders lifted", before, null, profile.SchoolName);
        }
        else
        {
            var halfDays = (int)(days * 2);
            var agreed = (await FindLeaders.SchoolAgreedAsync(db, [profile.SchoolUrn], null, ct)).GetValueOrDefault(profile.SchoolUrn) ?? [];
            if (agreed.Where(a => a.Key >= SchoolTerm.Of(r.Today) && a.Value > halfDays).OrderByDescending(a => a.Value).ToList() is [var most, ..])
                throw new InvalidInputException("SchoolDaysPerTerm",
                    $"{HalfDays.Describe(most.Value)} are already agreed for {profile.SchoolName}'s leaders in the {most.Key}: its days cannot be fewer.");
            if (school is null)
            {
                school = new SchoolCapacity(r.TenantId, profile.SchoolUrn, profile.SchoolName, halfDays);
                db.Set<SchoolCapacity>().Add(school);
            }
            else
            {
                school.Change(halfDays);
            }
            r.Audit(nameof(SchoolCapacity), school.Id, broker, "School's days for its leaders set", before, HalfDays.Describe(halfDays) + " a term", profile.SchoolName);
        }
        await ChangeRecorder.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    private DateOnly Today => UkTime.Today(clock);

    /// <summary>The leader keeps their own profile; the alliance's brokers keep everyone's.</summary>
    private static bool MayKeep(LeaderProfile profile, Actor me) => profile.UserId == me.UserId || me.Is(TenantRoles.AllianceManager);

    private static List<SchoolTerm> TermsFrom(DateOnly today)
    {
        List<SchoolTerm> terms = [SchoolTerm.Of(today)];
        while (terms.Count < TermsAhead) terms.Add(terms[^1].Next);
        return terms;
    }

    /// <summary>Half days agreed for the leader in this term and every later one.</summary>
    private async Task<IReadOnlyList<(SchoolTerm Term, int HalfDays)>> AgreedAheadAsync(AppDbContext db, Guid profileId, CancellationToken ct)
    {
        var now = SchoolTerm.Of(Today);
        var all = await db.Set<CapacityCommitment>().AsNoTracking().Where(c => c.LeaderProfileId == profileId)
            .GroupBy(c => c.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) }).ToListAsync(ct);
        return [.. all.Select(a => (Term: SchoolTerm.Parse(a.Key), a.HalfDays)).Where(a => a.Term >= now)];
    }

    private static string Describe(LeaderProfile p) =>
        $"{p.SchoolName} (URN {p.SchoolUrn}); {(p.IsHeadteacher ? "headteacher, released by the chair" : "released by the headteacher")} {p.HeadteacherName} <{p.HeadteacherEmail}>; {HalfDays.Describe(p.CapacityHalfDaysPerTerm)} a term";
}
