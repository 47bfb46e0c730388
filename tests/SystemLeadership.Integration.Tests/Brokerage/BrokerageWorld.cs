using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>
/// One alliance with its people, schools and a designated leader, and the services acting for it. Each world has its
/// own tenant and school URNs, so tests in one class can share a database without seeing each other.
/// </summary>
internal sealed class BrokerageWorld
{
    private static int _nextUrn = 300_000;

    public required DatabaseFixture Db { get; init; }
    public required Tenant Tenant { get; init; }
    public required FakeTimeProvider Clock { get; init; }
    public required int SupportedUrn { get; init; }
    public required int LeaderSchoolUrn { get; init; }
    public required Actor Broker { get; init; }
    public required Actor Contact { get; init; }
    public required Actor Commissioner { get; init; }
    public required Actor Head { get; init; }
    public Dictionary<string, (Actor Actor, Guid DesignationId)> Leaders { get; } = [];

    public Actor Leader => Leaders["Ada"].Actor;
    public Guid LeaderDesignationId => Leaders["Ada"].DesignationId;

    public CommissionService Commissions => new(Factory(), Clock, new AppLinks("https://app.test"));
    public FindLeaders Finder => new(Factory());
    public NetworkService Networks => new(Factory(), Clock, new AppLinks("https://app.test"));
    public PoolAskService PoolAsks => new(Factory(), Clock, new AppLinks("https://app.test"));
    public PartnerClaimService PartnerClaims => new(Factory(), Clock, new AppLinks("https://app.test"));
    public ProposalService Proposals => new(Factory(), Clock, new AppLinks("https://app.test"));
    public LeaderProfileService Profiles => new(Factory(), Clock);
    public JpdSessionService Jpd => new(Factory(), Clock);
    public PartnershipService Partnerships => new(Factory(), Clock, new AppLinks("https://app.test"));
    public DeploymentService Deployments => new(Factory(), Clock, new AppLinks("https://app.test"));
    public VisitService Visits => new(Factory(), Clock, new AppLinks("https://app.test"));
    public QualityAssuranceService Quality => new(Factory(), Clock);
    public ClaimService Claims => new(Factory(), Clock, new AppLinks("https://app.test"));
    public GenerateClaims GenerateClaims => new(Factory(), Clock, new AppLinks("https://app.test"));
    public BrokerageViews Views => new(Factory(), Clock);
    public DeploymentViews DeploymentViews => new(Factory(), Clock, new AppLinks("https://app.test"));
    public ClaimViews ClaimViews => new(Factory(), Clock);

    // Records as the broker sees them, for the steps' versions and states.
    public async Task<Commission?> CommissionAsync(Guid id) => (await Views.CommissionAsync(id, Broker))?.Commission;
    public async Task<Proposal?> ProposalAsync(Guid id) => (await Views.ProposalAsync(id, Broker))?.Proposal;
    public async Task<Deployment?> DeploymentAsync(Guid id) => (await DeploymentViews.ForAsync(id, Broker))?.Deployment;
    public async Task<Claim?> ClaimAsync(Guid id) => (await ClaimViews.ClaimAsync(id, Broker))?.Claim;
    public async Task<IReadOnlyList<Deployment>> MyDeploymentsAsync(Actor actor) => (await DeploymentViews.MineAsync(actor)).Select(v => v.Deployment).ToList();

    /// <summary>An agreed deployment of Ada to the supported school (every party consented, the head last), as the broker sees it.</summary>
    public async Task<Deployment> AgreedDeploymentAsync(int halfDays = 8)
    {
        var commission = await AcceptedCommissionAsync(halfDays);
        var proposal = await ProposalAwaitingHeadAsync(commission.Id, halfDays: halfDays);
        await Proposals.ConsentAsync(proposal.Id, Head);
        return Assert.Single(await MyDeploymentsAsync(Leader));
    }

    /// <summary>A visit the leader scheduled, that has taken place (the clock moves past it) and that the leader recorded.</summary>
    public async Task<Visit> RecordedVisitAsync(Guid deploymentId, DateTimeOffset startsAt, int halfDays, string summary = "Observed lessons")
    {
        var visit = (await Visits.ScheduleVisitAsync(deploymentId, startsAt, halfDays, "Ash Primary", Leader)).Visit;
        After(visit);
        await Visits.RecordVisitAsync(visit.Id, new VisitRecordForm(summary, "", "", halfDays), Leader);
        return visit;
    }

    /// <summary>Moves the test clock to the end of a visit, as if it had taken place: a visit is recorded only once it has started.</summary>
    public void After(Visit visit)
    {
        if (Clock.GetUtcNow() < visit.EndsAt) Clock.SetUtcNow(visit.EndsAt);
    }

    public TenantDbContextFactory Factory() => new(DatabaseSetup.Options(Db.Connections.App), TenantContext.For(Tenant.Id));

    public AppDbContext Context() => Db.NewContext(Tenant.Id);

    public static async Task<BrokerageWorld> CreateAsync(DatabaseFixture db, int leaderCapacityHalfDays = 20)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var tenant = new Tenant("Swaledale Alliance " + tag, "swaledale-" + tag, 100001);
        var supported = Interlocked.Increment(ref _nextUrn);
        var leaderSchool = Interlocked.Increment(ref _nextUrn);
        await using (var owner = db.NewOwnerContext())
        {
            owner.Tenants.Add(tenant);
            owner.Schools.AddRange(
                new School { Urn = supported, Name = "Ash Primary " + tag, Status = "Open", Phase = "Primary", Trust = "Dales Trust", Easting = 400_000, Northing = 500_000 },
                new School { Urn = leaderSchool, Name = "Beck Primary " + tag, Status = "Open", Phase = "Primary", Trust = "Fells Trust", Easting = 405_000, Northing = 500_000 });
            owner.Users.Add(new ApplicationUser { Id = "broker-" + tag, UserName = $"broker-{tag}@alliance.test", Email = $"broker-{tag}@alliance.test", FullName = "Bea Broker" });
            await owner.SaveChangesAsync();
        }
        var world = new BrokerageWorld
        {
            Db = db,
            Tenant = tenant,
            Clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero)),
            SupportedUrn = supported,
            LeaderSchoolUrn = leaderSchool,
            Broker = new("broker-" + tag, "Bea Broker", $"broker-{tag}@alliance.test", TenantRoles.AllianceManager),
            Contact = new("contact-" + tag, "Cal Contact", $"cal-{tag}@ash.sch.uk", TenantRoles.SchoolContact),
            Commissioner = new("la-" + tag, "Lee Council", $"la-{tag}@council.gov.uk", TenantRoles.None),
            Head = new("head-" + tag, "Hal Head", $"hal-{tag}@beck.sch.uk", TenantRoles.Headteacher),
        };
        await using (var context = world.Context())
        {
            context.Memberships.Add(new Membership(tenant.Id, world.Broker.UserId, TenantRoles.AllianceManager));
            await context.SaveChangesAsync();
        }
        await world.AddLeaderAsync("Ada", leaderCapacityHalfDays);
        return world;
    }

    public async Task<Actor> AddLeaderAsync(string name, int capacityHalfDays, string[]? specialisms = null)
    {
        var userId = $"leader-{name}-{Tenant.Slug}";
        var leader = new Actor(userId, name, $"{name.ToLowerInvariant()}-{Tenant.Slug}@beck.sch.uk", TenantRoles.SystemLeader);
        await using var context = Context();
        var application = new DesignationApplication(Tenant.Id, userId, name, leader.Email, Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 36, specialisms ?? ["Maths"]), null, null, DateTimeOffset.UnixEpoch);
        var designation = new Designation(application, new DateOnly(2026, 1, 1), "Bea Broker");
        context.Applications.Add(application);
        context.Designations.Add(designation);
        await context.SaveChangesAsync();
        await Profiles.SaveLeaderProfileAsync(Broker, userId, name, leader.Email, LeaderSchoolUrn, false, Head.Name, Head.Email, capacityHalfDays);
        Leaders[name] = (leader, designation.Id);
        return leader;
    }

    /// <summary>A head designated LLE here (no brokerage profile needed): a professional partner for new heads.</summary>
    public async Task<(Actor Leader, Guid DesignationId)> AddLleAsync(string name)
    {
        var userId = $"lle-{name}-{Tenant.Slug}";
        var leader = new Actor(userId, name, $"{name.ToLowerInvariant()}-{Tenant.Slug}@fell.sch.uk", TenantRoles.SystemLeader);
        await using var context = Context();
        var application = new DesignationApplication(Tenant.Id, userId, name, leader.Email, Presets.Lle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.Headteacher, 60, ["Maths"]), null, null, DateTimeOffset.UnixEpoch);
        var designation = new Designation(application, new DateOnly(2026, 1, 1), "Bea Broker");
        context.Applications.Add(application);
        context.Designations.Add(designation);
        await context.SaveChangesAsync();
        return (leader, designation.Id);
    }

    public CommissionRequest Request(int halfDays = 8) => new(SupportedUrn, CommissionerKind.LocalAuthority, "North Yorkshire Council",
        Commissioner.Email, Contact.Email, "North Yorkshire Council",
        new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.BelowFloorStandard,
            new DateOnly(2026, 10, 1), 8, halfDays));

    public static ProposalTerms Terms(int halfDays = 8) => new(
        ["Raise year 6 maths attainment", "Build the maths lead's coaching skills"], "Year 6 at the expected standard in maths",
        "Coaching the maths lead; joint lesson observations", ["Jo Deputy"], halfDays, "Half a day a week",
        new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 25));

    public async Task<Commission> AcceptedCommissionAsync(int halfDays = 8)
    {
        var commission = await Commissions.RaiseCommissionAsync(Contact, Request(halfDays));
        await Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.Accept, Broker);
        return (await CommissionAsync(commission.Id))!;
    }

    /// <summary>A proposal sent for agreement, with every party but the headteacher already agreed.</summary>
    public async Task<Proposal> ProposalAwaitingHeadAsync(Guid commissionId, string leaderName = "Ada", int halfDays = 8)
    {
        var (leader, designationId) = Leaders[leaderName];
        var proposal = await Proposals.DraftProposalAsync(commissionId, designationId, Terms(halfDays), Broker);
        await Proposals.ProposeAsync(proposal.Id, (await ProposalAsync(proposal.Id))!.Version, Broker);
        await Proposals.ConsentAsync(proposal.Id, leader);
        await Proposals.ConsentAsync(proposal.Id, Contact);
        await Proposals.ConsentAsync(proposal.Id, Commissioner);
        return (await ProposalAsync(proposal.Id))!;
    }

    /// <summary>Gives these people accounts (the worlds' leaders and heads have none until a test needs one).</summary>
    public async Task AccountsForAsync(params Actor[] people)
    {
        await using var owner = Db.NewOwnerContext();
        foreach (var person in people)
            owner.Users.Add(new ApplicationUser { Id = person.UserId, UserName = person.Email, NormalizedUserName = person.Email.ToUpperInvariant(),
                Email = person.Email, NormalizedEmail = person.Email.ToUpperInvariant(), FullName = person.Name });
        await owner.SaveChangesAsync();
    }

    /// <summary>This alliance starts a network and every other world is invited and accepts.</summary>
    public async Task<Guid> NetworkWithAsync(params BrokerageWorld[] partners)
    {
        var network = await Networks.CreateNetworkAsync("Dales Network " + Tenant.Slug, Broker);
        foreach (var partner in partners)
        {
            await Networks.InviteAsync(network, partner.Tenant.Id, Broker);
            var invitation = Assert.Single((await partner.Networks.OverviewAsync(partner.Broker)).InvitationsToUs, i => i.NetworkId == network);
            await partner.Networks.AnswerInvitationAsync(invitation.Id, accept: true, partner.Broker);
        }
        return network;
    }

    /// <summary>
    /// This alliance (a network partner of <paramref name="home"/>, which shares Ada) deploys home's Ada: proposed, agreed
    /// by the home alliance, then by every party. Returns the deployment as this alliance's broker sees it.
    /// </summary>
    public async Task<Deployment> PooledDeploymentAsync(BrokerageWorld home, int halfDays = 4)
    {
        var commission = await AcceptedCommissionAsync(halfDays);
        var proposal = await Proposals.DraftProposalAsync(commission.Id, home.LeaderDesignationId, Terms(halfDays), Broker);
        await Proposals.ProposeAsync(proposal.Id, (await ProposalAsync(proposal.Id))!.Version, Broker);
        var ask = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks, a => a.ProposalId == proposal.Id);
        await home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, home.Broker);
        foreach (var party in new[] { Contact, Commissioner, home.Leader, home.Head }) await Proposals.ConsentAsync(proposal.Id, party);
        return Assert.Single(await MyDeploymentsAsync(home.Leader), d => d.ProposalId == proposal.Id);
    }

    public async Task<List<string>> EmailsToAsync(string address)
    {
        await using var context = Db.NewAdminContext();
        return await context.Outbox.Where(o => o.To == address).OrderBy(o => o.CreatedAt).Select(o => o.Subject).ToListAsync();
    }
}
