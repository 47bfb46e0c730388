using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.LeaderDirectory;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.LeaderDirectory;

/// <summary>
/// What a school typed to ask for support from a listed leader, with the form's key (<see cref="SupportEnquiry.RequestKey"/>):
/// the same key twice asks once.
/// </summary>
public sealed record EnquiryInput(int? SchoolUrn, string? ContactName, string? ContactEmail, string? Need, Guid? RequestKey = null);

/// <summary>Where a confirmed (or already confirmed) enquiry went.</summary>
public sealed record ConfirmedEnquiry(string Alliance, string LeaderName, string SchoolName);

/// <summary>An enquiry as its confirmation link shows it, before the contact sends it on.</summary>
public sealed record EnquiryToConfirm(string Alliance, string LeaderName, string SchoolName, string Need, bool AlreadySent, bool Expired);

/// <summary>
/// "Ask for support" from the public directory: a school contact with no account asks, confirms their address by the
/// link emailed to them, and only then do the leader's alliance's brokers see it and get an email. Brokers mark each
/// one dealt with. Each step is one transaction with its audit entry and its emails.
/// </summary>
public sealed class SupportEnquiries(TenantDbContextFactory contexts, PublicDirectory directory, TimeProvider clock, AppLinks links)
{
    /// <summary>Asks before confirmation at most this many times a day from one address to one alliance.</summary>
    public const int DailyLimitPerAddress = 5;

    /// <summary>The unique index on (tenant, request key): a second post of one form, a retry or a race, meets it and writes nothing.</summary>
    public const string RequestKeyIndex = "IX_SupportEnquiries_TenantId_RequestKey";

    /// <summary>
    /// Records the enquiry and emails the contact the confirmation link. The listing must be in the directory now.
    /// A request whose key was asked already (committed, though its answer may never have arrived) is not asked again:
    /// the call succeeds as the first did, and nothing more is written or emailed; if the form was changed since, it is
    /// refused, naming the address the first went to.
    /// </summary>
    public async Task AskAsync(Guid listingId, EnquiryInput input, CancellationToken ct = default)
    {
        var entry = await directory.EntryAsync(listingId, ct) ?? throw new NotFoundException();
        var problems = SupportEnquiry.Check(input.ContactName, input.ContactEmail, input.Need);
        Domain.Schools.School? school = null;
        await using (var national = contexts.WithoutTenant())
        {
            if (input.SchoolUrn is { } urn) school = await national.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == urn, ct);
        }
        if (input.SchoolUrn is null) problems["schoolUrn"] = "Enter your school's URN: the 6-digit number on Get Information about Schools.";
        else if (school is null) problems["schoolUrn"] = $"No school has the URN {input.SchoolUrn}: check it on Get Information about Schools.";
        if (problems.Count > 0) throw new InvalidInputException(problems);

        var tenant = await TenantAsync(entry.AllianceSlug, ct) ?? throw new NotFoundException();
        await using var db = contexts.ForTenant(tenant.Id);
        var r = new ChangeRecorder(db, clock);
        var email = input.ContactEmail!.Trim();
        var since = r.Now.AddDays(-1);
        // Counted whatever the capitals: TOM@ and tom@ are one address.
        var sameAddress = LikePattern.Exactly(email);
        if (await db.Set<SupportEnquiry>().CountAsync(e => EF.Functions.ILike(e.ContactEmail, sameAddress) && e.AskedAt > since, ct) >= DailyLimitPerAddress)
            throw new NotAllowedException($"You have asked {tenant.Name} for support {DailyLimitPerAddress} times today. Follow the links we emailed you, or try again tomorrow.");

        var (enquiry, token) = SupportEnquiry.Ask(tenant.Id, listingId, entry.Name, school!.Urn, school.Name, input.ContactName, email, input.Need, r.Now, input.RequestKey);
        db.Set<SupportEnquiry>().Add(enquiry);
        r.Audit(nameof(SupportEnquiry), enquiry.Id, Visitor(enquiry), "Support asked from the directory", null, EnquiryState.AwaitingConfirmation.ToString(),
            $"For {school.Name} (URN {school.Urn}), from {entry.Name}'s entry");
        r.Send(EnquiryEmails.ConfirmYourAddress(enquiry, tenant.Name, links.EnquiryConfirmation(tenant.Slug, token)));
        // Sent again, done already if it asked the same leader for the same address.
        await ChangeRecorder.SaveOrFindAsync(db, RequestKeyIndex, enquiry, e => e.RequestKey == input.RequestKey,
            asked => asked.ListingId == listingId && string.Equals(asked.ContactEmail, email, StringComparison.OrdinalIgnoreCase),
            asked => $"This form was already sent, with the link going to {asked.ContactEmail}. To ask again, open the leader's entry afresh.", ct);
    }

    /// <summary>
    /// What a confirmation link is for, read only: opening the link (as mail scanners do) sends nothing; the contact
    /// presses the button to send it. Null for a link that matches nothing.
    /// </summary>
    public async Task<EnquiryToConfirm?> PendingAsync(string tenantSlug, string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var tenant = await TenantAsync(tenantSlug, ct);
        if (tenant is null) return null;
        await using var db = contexts.ForTenant(tenant.Id);
        var hash = SupportEnquiry.Hash(token);
        var enquiry = await db.Set<SupportEnquiry>().AsNoTracking().FirstOrDefaultAsync(e => e.TokenHash == hash, ct);
        return enquiry is null ? null : new EnquiryToConfirm(tenant.Name, enquiry.LeaderName, enquiry.SchoolName, enquiry.Need,
            enquiry.State != EnquiryState.AwaitingConfirmation, clock.GetUtcNow() - enquiry.AskedAt > SupportEnquiry.ConfirmWithin);
    }

    /// <summary>The contact pressed "send" on the link's page: the brokers see the enquiry and are emailed. Null for a link that matches nothing.</summary>
    public async Task<ConfirmedEnquiry?> ConfirmAsync(string tenantSlug, string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var tenant = await TenantAsync(tenantSlug, ct);
        if (tenant is null) return null;
        await using var db = contexts.ForTenant(tenant.Id);
        var r = new ChangeRecorder(db, clock);
        var hash = SupportEnquiry.Hash(token);
        var enquiry = await db.Set<SupportEnquiry>().FirstOrDefaultAsync(e => e.TokenHash == hash, ct);
        if (enquiry is null) return null;
        if (enquiry.Confirm(r.Now))
        {
            r.Audit(nameof(SupportEnquiry), enquiry.Id, Visitor(enquiry), "Email address confirmed", EnquiryState.AwaitingConfirmation.ToString(), EnquiryState.Received.ToString());
            r.Send(EnquiryEmails.NewEnquiry(enquiry, await r.BrokerEmailsAsync(ct), links.Enquiries(tenant.Slug)));
            await ChangeRecorder.SaveAsync(db, ct);
        }
        return new ConfirmedEnquiry(tenant.Name, enquiry.LeaderName, enquiry.SchoolName);
    }

    /// <summary>The confirmed enquiries waiting for a broker, oldest first; null for anyone but the alliance's managers.</summary>
    public async Task<IReadOnlyList<SupportEnquiry>?> WaitingAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await db.Set<SupportEnquiry>().AsNoTracking().Where(e => e.State == EnquiryState.Received)
            .OrderBy(e => e.ConfirmedAt).ThenBy(e => e.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>A broker records what they did. Not found for anyone but the alliance's managers.</summary>
    public async Task HandleAsync(Actor broker, Guid id, uint version, string? note, CancellationToken ct = default)
    {
        if (!broker.Is(TenantRoles.AllianceManager)) throw new NotFoundException();
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var enquiry = await db.Set<SupportEnquiry>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException();
        if (enquiry.Version != version) throw new StaleException();
        db.Entry(enquiry).Property(e => e.Version).OriginalValue = version;
        enquiry.Handle(note, broker.Name, r.Now);
        r.Audit(nameof(SupportEnquiry), enquiry.Id, broker, "Enquiry dealt with", EnquiryState.Received.ToString(), EnquiryState.Handled.ToString(), enquiry.HandledNote);
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private async Task<Tenant?> TenantAsync(string slug, CancellationToken ct)
    {
        await using var national = contexts.WithoutTenant();
        return await national.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
    }

    private static Actor Visitor(SupportEnquiry enquiry) => new($"directory:{enquiry.ContactEmail}", enquiry.ContactName, enquiry.ContactEmail, TenantRoles.None);
}

/// <summary>What an enquiry from the directory sends: the link to the contact, then word to the brokers.</summary>
public static class EnquiryEmails
{
    public static EmailMessage ConfirmYourAddress(SupportEnquiry enquiry, string alliance, string link) => new(
        enquiry.ContactEmail,
        $"Confirm your request for support from {alliance}",
        $"""
        You asked {alliance} for support for {enquiry.SchoolName} from {enquiry.LeaderName}, through the "Find a system leader" directory.

        To send your request to the alliance, follow this link within 7 days:
        {link}

        If you did not ask, ignore this email: nothing is sent without it.
        """);

    public static EmailMessage NewEnquiry(SupportEnquiry enquiry, IEnumerable<string> brokers, string link) => new(
        [.. brokers],
        $"A school asks for support from {enquiry.LeaderName}",
        $"""
        {enquiry.ContactName} ({enquiry.ContactEmail}) of {enquiry.SchoolName} (URN {enquiry.SchoolUrn}) asked for support from {enquiry.LeaderName} through the public directory, and confirmed their email address.

        What they need:
        {enquiry.Need}

        {link}
        """);
}
