using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>A leader's brokerage profile: their school, who releases them, the days a term they can give, and what is committed.</summary>
public sealed class LeaderProfileService(TenantDbContextFactory contexts, TimeProvider clock)
{
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
}
