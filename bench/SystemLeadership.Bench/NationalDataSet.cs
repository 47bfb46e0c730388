using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.LeaderDirectory;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Bench;

/// <summary>The sizes of issue 4's national data set, multiplied by --scale.</summary>
internal sealed record DataSetSize(int Tenants, int Schools, int Sles, int Lles, int Nles, int Nlgs, int Commissions, int Visits)
{
    public static DataSetSize National(double scale)
    {
        int Of(int n) => Math.Max(1, (int)Math.Round(n * scale));
        return new(Of(600), Of(24_000), Of(10_000), Of(2_000), Of(1_000), Of(300), Of(30_000), Of(200_000));
    }
}

/// <summary>
/// A national-scale data set made with the domain's own constructors and workflow moves (so every row is one the
/// application could have written), seeded so every run makes the same data. "Today" is 1 September 2026.
/// </summary>
internal sealed class NationalDataSet
{
    public static readonly DateOnly Today = new(2026, 9, 1);
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    // Towns with their British National Grid centre and a weight for how many schools are around them.
    private static readonly (string Name, string Region, int E, int N, double Weight)[] Towns =
    [
        ("London", "London", 530_000, 180_000, 9), ("Birmingham", "West Midlands", 407_000, 287_000, 3.5),
        ("Manchester", "North West", 384_000, 398_000, 3.5), ("Leeds", "Yorkshire and the Humber", 430_000, 433_000, 2.5),
        ("Liverpool", "North West", 335_000, 390_000, 2), ("Newcastle", "North East", 425_000, 564_000, 2),
        ("Sheffield", "Yorkshire and the Humber", 435_000, 387_000, 2), ("Bristol", "South West", 359_000, 173_000, 2),
        ("Nottingham", "East Midlands", 457_000, 340_000, 1.8), ("Leicester", "East Midlands", 458_000, 304_000, 1.6),
        ("Southampton", "South East", 442_000, 112_000, 1.5), ("Plymouth", "South West", 248_000, 55_000, 1),
        ("Norwich", "East of England", 623_000, 308_000, 1.2), ("Cambridge", "East of England", 545_000, 258_000, 1),
        ("Oxford", "South East", 451_000, 206_000, 1), ("York", "Yorkshire and the Humber", 460_000, 451_000, 0.8),
        ("Exeter", "South West", 292_000, 92_000, 1), ("Brighton", "South East", 531_000, 105_000, 1.2),
        ("Hull", "Yorkshire and the Humber", 509_000, 429_000, 1.2), ("Carlisle", "North West", 340_000, 556_000, 0.6),
        ("Stoke-on-Trent", "West Midlands", 388_000, 347_000, 1.2), ("Coventry", "West Midlands", 433_000, 279_000, 1.3),
        ("Reading", "South East", 471_000, 173_000, 1.2), ("Ipswich", "East of England", 616_000, 244_000, 0.9),
        ("Lincoln", "East Midlands", 497_000, 371_000, 0.9), ("Gloucester", "South West", 383_000, 218_000, 0.9),
        ("Canterbury", "South East", 615_000, 157_000, 1), ("Truro", "South West", 182_000, 44_000, 0.7),
        ("Middlesbrough", "North East", 449_000, 519_000, 1), ("Preston", "North West", 354_000, 429_000, 1.2),
        ("Derby", "East Midlands", 435_000, 336_000, 1.1), ("Northampton", "East Midlands", 475_000, 260_000, 1.1),
        ("Peterborough", "East of England", 519_000, 298_000, 0.9), ("Bournemouth", "South West", 408_000, 92_000, 1),
        ("Swindon", "South West", 415_000, 185_000, 0.8), ("Milton Keynes", "South East", 485_000, 238_000, 1),
        ("Chelmsford", "East of England", 571_000, 206_000, 1.2), ("Shrewsbury", "West Midlands", 349_000, 312_000, 0.7),
        ("Kendal", "North West", 351_000, 492_000, 0.5), ("Lancaster", "North West", 347_000, 461_000, 0.7),
        ("Darlington", "North East", 429_000, 514_000, 0.7), ("Worcester", "West Midlands", 385_000, 255_000, 0.8),
        ("Salisbury", "South West", 414_000, 130_000, 0.6), ("Taunton", "South West", 322_000, 124_000, 0.7),
        ("Bradford", "Yorkshire and the Humber", 416_000, 433_000, 1.5), ("Wolverhampton", "West Midlands", 391_000, 298_000, 1.3),
        ("Luton", "East of England", 509_000, 221_000, 1), ("Maidstone", "South East", 576_000, 155_000, 1.2),
        ("Guildford", "South East", 499_000, 149_000, 1.1), ("Colchester", "East of England", 599_000, 225_000, 0.9),
    ];

    private static readonly (string Phase, string Type, double Weight)[] Phases =
    [
        ("Primary", "Community school", 0.70), ("Secondary", "Academy converter", 0.15), ("All-through", "Academy converter", 0.02),
        ("Not applicable", "Community special school", 0.06), ("Nursery", "Local authority nursery school", 0.02), ("16 plus", "Sixth form centre", 0.05),
    ];

    // How often each area of expertise is held (and asked for): the core subjects and SEND far more than the rest.
    private static readonly (string Area, double Weight)[] Areas =
    [
        .. Specialisms.All.Select(a => (a, a switch
        {
            "Maths" or "English" => 10.0,
            "Phonics" or "Special educational needs" or "Early years" or "Science" => 5.0,
            "Leadership of curriculum" or "Assessment" or "Behaviour and discipline" or "Closing the gap" => 3.0,
            _ => 1.0,
        })),
    ];

    private static readonly string[] FirstNames =
    [
        "Ada", "Ben", "Cara", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jack", "Kiran", "Lucy", "Mo", "Nia", "Owen", "Priya",
        "Quinn", "Ravi", "Sara", "Tom", "Uma", "Vik", "Wren", "Yusuf", "Zoe", "Amir", "Beth", "Chen", "Dara", "Erin",
    ];

    private static readonly string[] LastNames =
    [
        "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan",
        "Nowak", "Okafor", "Patel", "Quirke", "Roberts", "Singh", "Taylor", "Usman", "Walker", "Young", "Zielinski",
    ];

    private readonly Random _random = new(20260901);
    private readonly DataSetSize _size;

    public List<Tenant> Tenants { get; } = [];
    public List<School> Schools { get; } = [];
    public List<DesignationApplication> Applications { get; } = [];
    public List<Designation> Designations { get; } = [];
    public List<LeaderProfile> Profiles { get; } = [];
    /// <summary>Most leaders (85 %) have agreed to the public directory; a fifth of those keep their school's name private.</summary>
    public List<DirectoryListing> Listings { get; } = [];
    public List<Commission> Commissions { get; } = [];
    public List<Proposal> Proposals { get; } = [];
    public List<Deployment> Deployments { get; } = [];
    public List<Visit> Visits { get; } = [];
    public List<CapacityCommitment> Commitments { get; } = [];
    public List<DeploymentEvaluation> Evaluations { get; } = [];

    /// <summary>For each tenant, the Accepted commission the ranked match is measured with (raised last, starting this autumn).</summary>
    public Dictionary<Guid, Guid> ProbeCommission { get; } = [];

    private NationalDataSet(DataSetSize size) => _size = size;

    public static NationalDataSet Generate(DataSetSize size)
    {
        var set = new NationalDataSet(size);
        set.MakeSchools();
        var anchors = set.MakeTenants();
        var leaders = set.MakeLeaders(anchors);
        set.MakeCommissionsAndDeployments(anchors, leaders);
        set.MakeVisits();
        set.MakeEvaluations();
        return set;
    }

    private sealed record Leader(Designation Designation, LeaderProfile Profile);

    private void MakeSchools()
    {
        var townWeights = Towns.Select(t => t.Weight).ToArray();
        var trustsPerTown = Math.Max(1, _size.Schools / Towns.Length / 15);
        for (var i = 0; i < _size.Schools; i++)
        {
            var townIndex = Pick(townWeights);
            var town = Towns[townIndex];
            var spread = 6_000 + 5_000 * Math.Sqrt(town.Weight);
            var (phase, type, _) = Phases[Pick(Phases.Select(p => p.Weight).ToArray())];
            var inTrust = _random.NextDouble() < 0.55;
            var urn = 100_000 + i;
            Schools.Add(new School
            {
                Urn = urn,
                Name = $"{town.Name} {LastNames[_random.Next(LastNames.Length)]} {(phase == "Primary" ? "Primary School" : phase == "Secondary" ? "Academy" : phase == "Nursery" ? "Nursery School" : phase == "16 plus" ? "Sixth Form College" : "School")}",
                LaCode = (800 + townIndex).ToString(System.Globalization.CultureInfo.InvariantCulture),
                LaName = town.Name,
                EstablishmentNumber = (2000 + i % 8000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                TypeOfEstablishment = inTrust ? "Academy converter" : type,
                EstablishmentTypeGroup = inTrust ? "Academies" : "Local authority maintained schools",
                Status = _random.NextDouble() < 0.01 ? "Open, but proposed to close" : "Open",
                OpenDate = new DateOnly(1950 + _random.Next(70), 9, 1),
                PhaseCode = phase switch { "Primary" => "2", "Secondary" => "4", "All-through" => "7", "Nursery" => "1", "16 plus" => "5", _ => "0" },
                Phase = phase,
                StatutoryLowAge = phase == "Secondary" ? 11 : phase == "16 plus" ? 16 : phase == "Nursery" ? 2 : 4,
                StatutoryHighAge = phase == "Primary" ? 11 : phase == "Nursery" ? 5 : phase == "16 plus" ? 19 : 16,
                NumberOfPupils = phase == "Secondary" ? 600 + _random.Next(1200) : 80 + _random.Next(500),
                Trust = inTrust ? $"{town.Name} Learning Trust {1 + _random.Next(trustsPerTown)}" : null,
                Street = $"{1 + _random.Next(200)} School Lane",
                Town = town.Name,
                Postcode = $"{town.Name[..2].ToUpperInvariant()}{1 + _random.Next(20)} {_random.Next(10)}AB",
                Region = town.Region,
                Easting = Math.Clamp((int)(town.E + Gaussian() * spread), 90_000, 655_000),
                Northing = Math.Clamp((int)(town.N + Gaussian() * spread), 10_000, 657_000),
                OfstedRating = Pick(["Outstanding", "Good", "Good", "Good", "Requires improvement", "Inadequate"]),
                OfstedLastInspection = Today.AddDays(-_random.Next(2_000)),
                UrbanRural = _random.NextDouble() < 0.8 ? "(England/Wales) Urban city and town" : "(England/Wales) Rural village",
            });
        }
    }

    private sealed record Anchor(Tenant Tenant, double Weight, List<School> Nearby);

    private List<Anchor> MakeTenants()
    {
        var townWeights = Towns.Select(t => t.Weight).ToArray();
        List<Anchor> anchors = [];
        for (var i = 0; i < _size.Tenants; i++)
        {
            var town = Towns[Pick(townWeights)];
            var e = town.E + Gaussian() * 10_000;
            var n = town.N + Gaussian() * 10_000;
            // The schools an alliance works with: the 300 nearest to its lead school.
            var nearby = Schools.OrderBy(s => Sq(s.Easting!.Value - e) + Sq(s.Northing!.Value - n)).Take(300).ToList();
            var lead = nearby[0];
            var tenant = new Tenant($"{town.Name} Teaching School Alliance {i + 1}", $"alliance-{i + 1:0000}", lead.Urn);
            // Alliances differ a lot in size: a log-normal weight gives a few large ones and many small ones.
            anchors.Add(new Anchor(tenant, Math.Exp(Gaussian() * 0.7), nearby));
            Tenants.Add(tenant);
        }
        return anchors;
    }

    private Dictionary<Guid, List<Leader>> MakeLeaders(List<Anchor> anchors)
    {
        var weights = anchors.Select(a => a.Weight).ToArray();
        Dictionary<Guid, List<Leader>> byTenant = anchors.ToDictionary(a => a.Tenant.Id, _ => new List<Leader>());
        var person = 0;
        void Make(SchemeDefinition scheme, int count)
        {
            for (var i = 0; i < count; i++)
            {
                // Every tenant gets one leader of the commonest type first, so each has someone to match.
                var anchor = scheme == Presets.Sle && i < anchors.Count ? anchors[i] : anchors[Pick(weights)];
                var tenantId = anchor.Tenant.Id;
                var school = anchor.Nearby[_random.Next(Math.Min(120, anchor.Nearby.Count))];
                person++;
                var userId = $"leader-{person:000000}";
                var name = $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";
                var email = $"{userId}@schools.test";
                var role = scheme.Type switch
                {
                    DesignationType.NationalLeaderOfGovernance => LeadershipRole.ChairOfGovernors,
                    DesignationType.SpecialistLeaderOfEducation => Pick([LeadershipRole.MiddleLeader, LeadershipRole.MiddleLeader, LeadershipRole.SeniorLeader, LeadershipRole.DeputyHeadteacher, LeadershipRole.AssistantHeadteacher]),
                    _ => LeadershipRole.Headteacher,
                };
                List<string> specialisms = scheme.Type switch
                {
                    DesignationType.SpecialistLeaderOfEducation => PickAreas(1 + (_random.NextDouble() < 0.5 ? 1 : 0) + (_random.NextDouble() < 0.2 ? 1 : 0)),
                    DesignationType.NationalLeaderOfGovernance => [],
                    _ => PickAreas(_random.Next(3)),
                };
                var application = new DesignationApplication(tenantId, userId, name, email, scheme);
                application.UpdateAnswers(new ApplicationAnswers(role, 24 + _random.Next(200), specialisms, school.Urn), school.Name, school.OfstedRating, Now.AddYears(-5));
                Set(application, nameof(DesignationApplication.State), ApplicationState.Designated);
                // Designated over the last five years; SLE designations run four years, so the oldest have expired.
                var start = Today.AddDays(-_random.Next(5 * 365));
                var designation = new Designation(application, start, "College of Education");
                var state = designation.EndDate is { } end && end < Today ? DesignationState.Expired
                    : _random.NextDouble() < 0.04 ? DesignationState.Suspended : DesignationState.Active;
                Set(designation, nameof(Designation.State), state);
                var isHead = role == LeadershipRole.Headteacher;
                var profile = new LeaderProfile(tenantId, userId, name, email, school.Urn, school.Name, isHead,
                    isHead ? "Chair of governors" : $"{school.HeadFirstName ?? "Head"} {school.HeadLastName ?? "Teacher"}",
                    $"head-{school.Urn}@schools.test",
                    scheme.Type == DesignationType.SpecialistLeaderOfEducation ? Pick([10, 16, 20, 20, 24, 30]) : Pick([6, 10, 12, 16, 20]));
                Applications.Add(application);
                Designations.Add(designation);
                Profiles.Add(profile);
                if (_random.NextDouble() < 0.85)
                {
                    var listing = new DirectoryListing(tenantId, userId);
                    listing.Publish(_random.NextDouble() < 0.8, $"{scheme.ShortName} at {school.Name}.", Now.AddDays(-_random.Next(365)));
                    Listings.Add(listing);
                }
                byTenant[tenantId].Add(new Leader(designation, profile));
                if (scheme == Presets.Nle)
                {
                    // An NLE's school is designated a national support school with them (same holder, same profile).
                    var nss = Designation.SupportSchoolOf(designation);
                    Set(nss, nameof(Designation.State), state);
                    Designations.Add(nss);
                    byTenant[tenantId].Add(new Leader(nss, profile));
                }
            }
        }
        Make(Presets.Sle, _size.Sles);
        Make(Presets.Lle, _size.Lles);
        Make(Presets.Nle, _size.Nles);
        Make(Presets.Nlg, _size.Nlgs);
        return byTenant;
    }

    private void MakeCommissionsAndDeployments(List<Anchor> anchors, Dictionary<Guid, List<Leader>> leaders)
    {
        var weights = anchors.Select(a => a.Weight).ToArray();
        var first = new DateTimeOffset(2023, 9, 1, 9, 0, 0, TimeSpan.Zero);
        var span = (Now - first).TotalMinutes;
        var extra = _size.Commissions - anchors.Count;
        for (var i = 0; i < _size.Commissions; i++)
        {
            // One probe commission per tenant first: accepted, raised last week, starting this autumn.
            var probe = i < anchors.Count;
            var anchor = probe ? anchors[i] : anchors[Pick(weights)];
            var tenant = anchor.Tenant;
            var school = anchor.Nearby[_random.Next(anchor.Nearby.Count)];
            var raised = probe ? Now.AddDays(-7) : first.AddMinutes(_random.NextDouble() * span);
            var types = probe ? [DesignationType.SpecialistLeaderOfEducation] : PickTypes();
            var need = new SupportNeed(probe ? ["Maths"] : PickAreas(1 + (_random.NextDouble() < 0.3 ? 1 : 0)),
                _random.NextDouble() < 0.8 ? school.Phase : null, types, [],
                (PriorityReasons)_random.Next(8), DateOnly.FromDateTime(raised.UtcDateTime).AddDays(21 + _random.Next(28)),
                probe ? 8 : Pick([6, 8, 10, 12, 12, 16, 20, 26]), probe ? 8 : Pick([4, 6, 8, 8, 10, 12, 16, 20]));
            if (probe) need = need with { DesiredStart = new DateOnly(2026, 10, 5) };
            var commission = new Commission(tenant.Id, school.Urn, school.Name, $"contact-{school.Urn}", $"Contact at {school.Name}",
                $"contact-{school.Urn}@schools.test", PickEnum<CommissionerKind>(), $"{school.LaName} Council", $"la-{school.LaCode}@council.test",
                $"contact-{school.Urn}@schools.test", $"{school.LaName} Council", need, raised);
            Commissions.Add(commission);
            if (probe)
            {
                commission.Apply(CommissionMove.Accept, BrokerageRole.Broker);
                ProbeCommission[tenant.Id] = commission.Id;
                continue;
            }

            var recent = raised > Now.AddDays(-42);
            var roll = _random.NextDouble();
            var pool = leaders[tenant.Id].Where(l => l.Designation.State == DesignationState.Active
                && (types.Count == 0 || types.Contains(l.Designation.Type))).ToList();
            if (recent)
            {
                if (roll < 0.45) continue;
                if (roll < 0.55) { commission.Apply(CommissionMove.AskForInformation, BrokerageRole.Broker, "Which year groups?"); continue; }
                if (roll < 0.60) { commission.Apply(CommissionMove.Withdraw, BrokerageRole.Requester); continue; }
                if (roll < 0.65) { commission.Apply(CommissionMove.Decline, BrokerageRole.Broker, "Outside the alliance's area."); continue; }
                commission.Apply(CommissionMove.Accept, BrokerageRole.Broker);
                if (pool.Count > 0 && _random.NextDouble() < 0.8)
                {
                    var proposal = Propose(commission, pool[_random.Next(pool.Count)], raised.AddDays(3));
                    if (_random.NextDouble() < 0.4) proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, raised.AddDays(4));
                }
                continue;
            }
            if (roll < 0.09 || pool.Count == 0) { commission.Apply(CommissionMove.Decline, BrokerageRole.Broker, "No leader with that expertise is free."); continue; }
            if (roll < 0.15) { commission.Apply(CommissionMove.Withdraw, BrokerageRole.Requester); continue; }

            commission.Apply(CommissionMove.Accept, BrokerageRole.Broker);
            if (_random.NextDouble() < 0.25)
            {
                var rival = Propose(commission, pool[_random.Next(pool.Count)], raised.AddDays(5));
                rival.Apply(ProposalMove.CloseAsRival, BrokerageRole.System, raised.AddDays(12), "Another proposal was agreed.");
            }
            var leader = pool[_random.Next(pool.Count)];
            var agreed = Propose(commission, leader, raised.AddDays(6));
            agreed.Apply(ProposalMove.Propose, BrokerageRole.Broker, raised.AddDays(7));
            foreach (var party in Proposal.ConsentingParties) agreed.Apply(ProposalMove.Consent, party, raised.AddDays(10));
            commission.Apply(CommissionMove.MarkBrokered, BrokerageRole.System, agreedProposalId: agreed.Id);
            foreach (var (term, halfDays) in SchoolTerm.Spread(agreed.Start, agreed.End, agreed.HalfDays))
                Commitments.Add(new CapacityCommitment(tenant.Id, agreed.LeaderProfileId, agreed.Id, term, halfDays));
            Deployments.Add(new Deployment(agreed, commission));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private Proposal Propose(Commission commission, Leader leader, DateTimeOffset at)
    {
        var d = leader.Designation;
        var p = leader.Profile;
        var start = commission.DesiredStart;
        var proposal = new Proposal(commission,
            new ProposedLeader(d.Id, p.Id, p.UserId, p.Name, p.Email, p.SchoolUrn, p.SchoolName, p.IsHeadteacher, p.HeadteacherName,
                p.HeadteacherEmail, d.DayRatePence ?? SystemLeadership.Domain.Reimbursement.Money.DayRateFor(p.IsHeadteacher), d.Type),
            new ProposalTerms(
                [.. commission.Specialisms.Select(s => $"Improve {s.ToLowerInvariant()} across the school"), "Build the subject lead's capacity"],
                "Pupils at the expected standard", "Coaching, joint observations and planning", ["Deputy headteacher"],
                commission.HalfDays, "Half a day a week", start,
                // An NLG's deployment ends within six months (DeploymentLimits); a longer request is met in that time.
                d.Type == DesignationType.NationalLeaderOfGovernance ? Min(commission.PlannedEnd, start.AddMonths(6).AddDays(-1)) : commission.PlannedEnd),
            at);
        Proposals.Add(proposal);
        return proposal;
    }

    private void MakeVisits()
    {
        // Visits spread over deployments in proportion to their agreed days: a visit is half a day or a day.
        var weights = Deployments.Select(d => (double)d.AgreedHalfDays).ToArray();
        var total = weights.Sum();
        var perDeployment = weights.Select(w => (int)(_size.Visits * w / total)).ToArray();
        for (var left = _size.Visits - perDeployment.Sum(); left > 0; left--) perDeployment[Pick(weights)]++;
        for (var i = 0; i < Deployments.Count; i++)
        {
            var deployment = Deployments[i];
            var days = deployment.End.DayNumber - deployment.Start.DayNumber + 1;
            var logged = 0;
            for (var v = 0; v < perDeployment[i]; v++)
            {
                var date = deployment.Start.AddDays(_random.Next(days));
                var visit = new Visit(deployment, new DateTimeOffset(date.Year, date.Month, date.Day, 9, 0, 0, TimeSpan.Zero),
                    _random.NextDouble() < 0.6 ? 1 : 2, deployment.SchoolName);
                if (date < Today)
                {
                    if (_random.NextDouble() < 0.07) visit.Cancel();
                    else
                    {
                        visit.MarkRecorded(visit.EndsAt);
                        logged += visit.HalfDays;
                    }
                }
                Visits.Add(visit);
            }
            Set(deployment, nameof(Deployment.LoggedHalfDays), logged);
            var state = deployment.End < Today
                ? _random.NextDouble() < 0.92 ? DeploymentState.Completed : DeploymentState.EndedEarly
                : _random.NextDouble() < 0.9 ? DeploymentState.Active : DeploymentState.Paused;
            Set(deployment, nameof(Deployment.State), state);
        }
    }

    private void MakeEvaluations()
    {
        foreach (var deployment in Deployments.Where(d => d.State is DeploymentState.Completed or DeploymentState.EndedEarly))
        {
            if (_random.NextDouble() > 0.65) continue;
            var ratings = deployment.Objectives.Select(_ => Pick([2, 3, 4, 4, 4, 5, 5])).ToList();
            Evaluations.Add(new DeploymentEvaluation(deployment, ratings, "Pupils' work improved.", Pick([3, 4, 4, 5]), true,
                "Would use again.", "Contact at the school", new DateTimeOffset(deployment.End.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).AddDays(14)));
        }
    }

    private List<string> PickAreas(int count)
    {
        var weights = Areas.Select(a => a.Weight).ToArray();
        HashSet<string> chosen = [];
        while (chosen.Count < count) chosen.Add(Areas[Pick(weights)].Area);
        return [.. chosen];
    }

    private List<DesignationType> PickTypes()
    {
        var roll = _random.NextDouble();
        return roll < 0.70 ? [DesignationType.SpecialistLeaderOfEducation]
            : roll < 0.85 ? [DesignationType.LocalLeaderOfEducation, DesignationType.NationalLeaderOfEducation]
            : roll < 0.90 ? [DesignationType.NationalLeaderOfGovernance]
            : [];
    }

    private int Pick(double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Length - 1;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T PickEnum<T>() where T : struct, Enum => Pick(Enum.GetValues<T>());

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static double Sq(double x) => x * x;

    /// <summary>Sets a state the domain reaches through moves the bench does not replay (a designation expired years ago).</summary>
    private static void Set(object entity, string property, object? value) =>
        (entity.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{entity.GetType().Name}.{property}")).SetValue(entity, value);
}
