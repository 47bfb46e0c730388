using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Domain.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Evidence;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>
/// The designation services on the test class's own database, as the app builds them: a context factory per person and
/// tenant, one fake clock, and links to http://test. People are real accounts with memberships; schools are GIAS rows.
/// </summary>
internal sealed partial class DesignationWorld(DatabaseFixture db)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public DatabaseFixture Db { get; } = db;
    public FakeTimeProvider Clock { get; } = new(Start);
    public DbContextOptions<AppDbContext> Options { get; } = DatabaseSetup.Options(db.Connections.App);
    public AppLinks Links { get; } = new("http://test");
    public Changes Changes => new(Clock);
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public TenantDbContextFactory Contexts(Tenant tenant, Actor? actor = null) => new(Options, TenantContext.For(tenant.Id, actor?.UserId));

    public ApplicationService Applications(Tenant tenant, Actor? actor = null) => new(Contexts(tenant, actor), Changes, Links);
    public ReferenceService References(Tenant tenant) => new(Contexts(tenant), Changes, Links);
    public InterviewService Interviews(Tenant tenant, Actor? actor = null) => new(Contexts(tenant, actor), Changes, Links);
    public DesignationService Designations(Tenant tenant, Actor? actor = null) => new(Contexts(tenant, actor), Changes, Links);

    /// <summary>The alliance's designations grid as this person asks for it (a page of 100 rows in the default order).</summary>
    public async Task<IReadOnlyList<RegisterEntry>?> ListAsync(Tenant tenant, Actor actor, RegisterFilter? filter = null) =>
        (await new AllianceRegister(Contexts(tenant, actor), Changes).PageAsync(actor, filter ?? new RegisterFilter(), new PageRequest(Size: 100)))?.Page.Rows;
    public SchemeService Schemes(Tenant tenant, Actor? actor = null) => new(Contexts(tenant, actor), Changes);
    public EvidenceService Evidence(Tenant tenant, Actor? actor = null) => new(Contexts(tenant, actor), Changes);
    public ApplicationViews ApplicationViews(Tenant tenant, Actor? actor = null) =>
        new(Contexts(tenant, actor), new QualityAssuranceService(Contexts(tenant, actor), Clock));
    public DesignationViews DesignationViews(Tenant tenant, Actor? actor = null) => new(Contexts(tenant, actor), Clock);
    public DesignationScheduler Scheduler() => new(Options, Changes, Links, NullLogger<DesignationScheduler>.Instance);

    public static string Unique(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<Tenant> TenantAsync(string name = "Swaledale Alliance")
    {
        var tenant = new Tenant(name, Unique("swaledale"), 100001);
        await using var context = Db.NewContext();
        context.Tenants.Add(tenant);
        await context.SaveChangesAsync();
        return tenant;
    }

    /// <summary>The College's tenant: one per database, made on first use.</summary>
    public async Task<Tenant> CollegeAsync()
    {
        await using var context = Db.NewContext();
        var existing = await context.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == Tenant.CollegeSlug);
        if (existing is not null) return existing;
        var college = Tenant.College();
        context.Tenants.Add(college);
        await context.SaveChangesAsync();
        return college;
    }

    /// <summary>A person with an account and a membership of the tenant holding these roles.</summary>
    public async Task<Actor> PersonAsync(Tenant tenant, string name, TenantRoles roles)
    {
        var email = $"{Unique(name.Split(' ')[0].ToLowerInvariant())}@example.org";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = name, EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        await using var context = Db.NewContext(tenant.Id, user.Id);
        context.Users.Add(user);
        context.Memberships.Add(new Membership(tenant.Id, user.Id, roles));
        await context.SaveChangesAsync();
        return new Actor(user.Id, name, email, roles);
    }

    /// <summary>A GIAS school: national reference data, written as the owner (as the importer does).</summary>
    public async Task<School> SchoolAsync(string name, string? ofsted)
    {
        var school = new School { Urn = Random.Shared.Next(200_000, 999_999), Name = name, Status = "Open", OfstedRating = ofsted };
        await using var context = Db.NewOwnerContext();
        context.Schools.Add(school);
        await context.SaveChangesAsync();
        return school;
    }

    public async Task<DesignationApplication> ApplicationAsync(Tenant tenant, Guid id)
    {
        await using var context = Db.NewContext(tenant.Id);
        return await context.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<uint> VersionAsync(Tenant tenant, Guid applicationId) => (await ApplicationAsync(tenant, applicationId)).Version;

    public async Task<List<OutboxEmail>> EmailsToAsync(string to)
    {
        await using var context = Db.NewAdminContext();
        return (await context.Outbox.AsNoTracking().Where(o => o.To == to).ToListAsync()).OrderBy(o => o.CreatedAt).ToList();
    }

    /// <summary>Counts every row of a table whatever its tenant, as the superuser (who is not behind row-level security).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and filter are written by the tests.")]
    public async Task<long> CountAsync(string table, string where = "TRUE")
    {
        await using var connection = new NpgsqlConnection(Db.Connections.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"http://test/reference/(?<slug>[a-z0-9-]+)/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ReferenceLink();

    /// <summary>The token in the latest reference request emailed to this referee.</summary>
    public async Task<string> TokenSentToAsync(string refereeEmail)
    {
        var email = (await EmailsToAsync(refereeEmail)).Last(e => ReferenceLink().IsMatch(e.TextBody));
        return ReferenceLink().Match(email.TextBody).Groups["token"].Value;
    }

    public static ApplicationAnswers Answers(LeadershipRole role, int months, int? urn, string[]? specialisms = null, string? evidence = null) =>
        new(role, months, specialisms ?? ["Maths"], urn, TrackRecord: "Led maths across the trust; results rose three years running.", EvidenceOfImpact: evidence);

    /// <summary>A draft saved with these answers and submitted, for the scheme with this key.</summary>
    public async Task<Guid> SubmittedAsync(Tenant tenant, Actor applicant, string schemeKey, ApplicationAnswers answers)
    {
        var applications = Applications(tenant, applicant);
        var draft = await applications.StartAsync(applicant, schemeKey);
        await applications.SaveAnswersAsync(draft.Id, draft.Version, answers, applicant);
        await applications.MoveAsync(draft.Id, await VersionAsync(tenant, draft.Id), ApplicationMove.Submit, applicant);
        return draft.Id;
    }

    /// <summary>Runs one of two racing actions: null when it won, or the refusal it was given.</summary>
    public static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await Task.Yield();
            await action();
            return null;
        }
        catch (Exception e) when (e is StaleException or NotAllowedException)
        {
            return e;
        }
    }

    /// <summary>Asks this referee and answers through the emailed link.</summary>
    public async Task ReferenceAsync(Tenant tenant, Guid applicationId, Actor applicant, string refereeEmail, bool confirm = true)
    {
        await References(tenant).RequestAsync(applicationId, await VersionAsync(tenant, applicationId), "Colin Referee", refereeEmail, applicant);
        var token = await TokenSentToAsync(refereeEmail);
        await References(tenant).RespondAsync(tenant.Slug, token, confirm
            ? new ReferenceResponse(true, "Head of maths", 4, true, "Strong leader.", null, 6)
            : new ReferenceResponse(false, null, null, false, null, "I cannot release them this year."));
    }

    public async Task MoveAsync(Tenant tenant, Guid applicationId, ApplicationMove move, Actor actor, string? reason = null) =>
        await Applications(tenant, actor).MoveAsync(applicationId, await VersionAsync(tenant, applicationId), move, actor, reason);

    /// <summary>A designation made through the services: submitted, referenced and decided (no interview needed).</summary>
    public async Task<Designation> DesignatedAsync(Tenant tenant, Actor applicant, Actor manager, string schemeKey, ApplicationAnswers answers)
    {
        var id = await SubmittedAsync(tenant, applicant, schemeKey, answers);
        await ReferenceAsync(tenant, id, applicant, Unique("referee") + "@school.org");
        await MoveAsync(tenant, id, ApplicationMove.Designate, manager);
        await using var context = Db.NewContext(tenant.Id);
        return await context.Designations.AsNoTracking().SingleAsync(d => d.ApplicationId == id && d.Type != DesignationType.NationalSupportSchool);
    }

    /// <summary>An SLE designation made directly in the database (no interview, no emails), for tests about what happens after.</summary>
    public async Task<Designation> SeededDesignationAsync(Tenant tenant, Actor holder, DateOnly start, SchemeDefinition? scheme = null)
    {
        var application = new DesignationApplication(tenant.Id, holder.UserId, holder.Name, holder.Email, scheme ?? Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Track record."), null, null, Start);
        var designation = new Designation(application, start, "Margaret Thompson");
        await using var context = Db.NewContext(tenant.Id);
        context.Applications.Add(application);
        context.Designations.Add(designation);
        await context.SaveChangesAsync();
        return designation;
    }

    public async Task<Designation> DesignationAsync(Tenant tenant, Guid id)
    {
        await using var context = Db.NewContext(tenant.Id);
        return await context.Designations.AsNoTracking().SingleAsync(d => d.Id == id);
    }
}
