using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.LeaderDirectory;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.LeaderDirectory;

/// <summary>What a leader sees of their own listing: whether they are listed, what they chose, and what the public sees.</summary>
public sealed record MyListing(Guid? Id, bool Listed, bool ShowSchool, string? About, DateTimeOffset? ListedSince, bool HasActiveDesignation);

/// <summary>
/// A leader's consent to the public directory, given and withdrawn by themselves alone, in their own alliance. Only a
/// person who holds a current designation here has a listing to manage; nobody else (a manager included) can change it.
/// </summary>
public sealed class DirectoryListingService(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>The person's own listing, or null when they hold no current designation with this alliance.</summary>
    public async Task<MyListing?> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var states = await db.Designations.AsNoTracking().Where(d => d.HolderUserId == actor.UserId && (d.State == DesignationState.Active || d.State == DesignationState.Suspended))
            .Select(d => d.State).ToListAsync(ct);
        if (states.Count == 0) return null;
        var listing = await db.DirectoryListings.AsNoTracking().FirstOrDefaultAsync(l => l.HolderUserId == actor.UserId, ct);
        return new MyListing(listing?.Id, listing?.Listed == true, listing?.ShowSchool ?? false, listing?.About, listing?.ListedSince,
            states.Contains(DesignationState.Active));
    }

    /// <summary>Lists the person (or changes what the listing shows) with their consent, recorded in the audit log.</summary>
    public async Task<Guid> PublishAsync(Actor actor, bool showSchool, string? about, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        await RequireCurrentDesignationAsync(db, actor, ct);
        var listing = await db.DirectoryListings.FirstOrDefaultAsync(l => l.HolderUserId == actor.UserId, ct);
        var wasListed = listing?.Listed == true;
        if (listing is null)
        {
            listing = new DirectoryListing(r.TenantId, actor.UserId);
            db.DirectoryListings.Add(listing);
        }
        listing.Publish(showSchool, about, r.Now);
        r.Audit(nameof(DirectoryListing), listing.Id, actor, wasListed ? "Directory listing changed" : "Listed in the public directory",
            wasListed ? "Listed" : "Not listed", "Listed", showSchool ? "School shown" : "School not shown");
        await ChangeRecorder.SaveAsync(db, ct);
        return listing.Id;
    }

    /// <summary>Withdraws consent: the person leaves the directory in the same transaction.</summary>
    public async Task WithdrawAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var listing = await db.DirectoryListings.FirstOrDefaultAsync(l => l.HolderUserId == actor.UserId, ct)
            ?? throw new NotAllowedException("You are not listed in the directory.");
        listing.Withdraw(r.Now);
        r.Audit(nameof(DirectoryListing), listing.Id, actor, "Withdrawn from the public directory", "Listed", "Not listed");
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private static async Task RequireCurrentDesignationAsync(AppDbContext db, Actor actor, CancellationToken ct)
    {
        if (!await db.Designations.AnyAsync(d => d.HolderUserId == actor.UserId && (d.State == DesignationState.Active || d.State == DesignationState.Suspended), ct))
            throw new NotAllowedException("Only a leader who holds a current designation with this alliance can be listed in the directory.");
    }
}
