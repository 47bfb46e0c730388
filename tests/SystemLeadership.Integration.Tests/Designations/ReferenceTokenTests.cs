using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>The referee's emailed link: one use, 14 days, stops when cancelled, and only under its own tenant's address.</summary>
public class ReferenceTokenTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);
    private static readonly ReferenceResponse Yes = new(true, "Head of maths", 4, true, "Strong.", null, 6);

    private async Task<(Tenant Tenant, Actor Applicant, Guid ApplicationId, string Referee, string Token)> RequestedAsync()
    {
        var tenant = await _world.TenantAsync();
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        var referee = DesignationWorld.Unique("head") + "@reeth.example.org";
        await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "Jo Head", referee, applicant);
        return (tenant, applicant, id, referee, await _world.TokenSentToAsync(referee));
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var (tenant, _, id, _, token) = await RequestedAsync();
        await _world.References(tenant).RespondAsync(tenant.Slug, token, Yes);

        var again = await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.References(tenant).RespondAsync(tenant.Slug, token, new ReferenceResponse(false, null, null, false, null, "Changed my mind.")));
        Assert.Equal("This reference link has already been used.", again.Message);
        Assert.Equal("This reference link has already been used.", (await _world.References(tenant).ByTokenAsync(tenant.Slug, token))!.WhyUnusable);
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Equal(1, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}' AND \"Outcome\" = 'Confirmed'"));
    }

    [Fact]
    public async Task The_same_link_answered_twice_at_once_records_one_answer()
    {
        var (tenant, _, id, _, token) = await RequestedAsync();
        var outcomes = await Task.WhenAll(
            DesignationWorld.Attempt(() => _world.References(tenant).RespondAsync(tenant.Slug, token, Yes)),
            DesignationWorld.Attempt(() => _world.References(tenant).RespondAsync(tenant.Slug, token, new ReferenceResponse(false, null, null, false, null, "No."))));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is StaleException or NotAllowedException);
        Assert.Equal(1, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}' AND \"Outcome\" IN ('Confirmed', 'Declined')"));
        var state = (await _world.ApplicationAsync(tenant, id)).State;
        Assert.Contains(state, new[] { ApplicationState.ReferenceReceived, ApplicationState.ReferenceDeclined });
        Assert.Equal(1, await _world.CountAsync("AuditEntries", $"\"EntityId\" = '{id}' AND \"FromState\" = 'ReferenceRequested' AND \"ToState\" <> 'ReferenceRequested'"));
    }

    [Fact]
    public async Task A_link_works_until_fourteen_days_and_then_is_refused()
    {
        var (tenant, _, id, _, token) = await RequestedAsync();
        _world.Clock.Advance(TimeSpan.FromDays(14));

        Assert.Equal("This reference link has expired. Ask the applicant to send a new request.", (await _world.References(tenant).ByTokenAsync(tenant.Slug, token))!.WhyUnusable);
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.References(tenant).RespondAsync(tenant.Slug, token, Yes));
        Assert.Equal("This reference link has expired. Ask the applicant to send a new request.", refused.Message);
        Assert.Equal(ApplicationState.ReferenceRequested, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task A_link_still_works_a_second_before_fourteen_days()
    {
        var (tenant, _, id, _, token) = await RequestedAsync();
        _world.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        await _world.References(tenant).RespondAsync(tenant.Slug, token, Yes);
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task A_cancelled_requests_link_is_refused_and_the_application_can_ask_again()
    {
        var (tenant, applicant, id, referee, token) = await RequestedAsync();
        var details = (await _world.ApplicationViews(tenant, applicant).ForAsync(id, applicant))!;
        await _world.References(tenant).CancelAsync(id, details.Application.Version, details.References.Single().Id, applicant);

        Assert.Equal(ApplicationState.Submitted, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Contains(await _world.EmailsToAsync(referee), e => e.Subject == "Reference request for Ada Lovelace withdrawn");
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.References(tenant).RespondAsync(tenant.Slug, token, Yes));
        Assert.Equal("The applicant has withdrawn this reference request.", refused.Message);

        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "Jo Head", referee, applicant);
        var fresh = await _world.TokenSentToAsync(referee);
        Assert.NotEqual(token, fresh);
        await _world.References(tenant).RespondAsync(tenant.Slug, fresh, Yes);
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task A_token_from_one_tenant_is_not_accepted_under_another_tenants_address()
    {
        var (tenantA, _, id, _, token) = await RequestedAsync();
        var tenantB = await _world.TenantAsync("Learners First");

        Assert.Null(await _world.References(tenantB).ByTokenAsync(tenantB.Slug, token));
        Assert.Null(await _world.References(tenantA).ByTokenAsync(tenantB.Slug, token));
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.References(tenantB).RespondAsync(tenantB.Slug, token, Yes));
        Assert.Equal("This reference link is not valid.", refused.Message);
        Assert.Equal(ApplicationState.ReferenceRequested, (await _world.ApplicationAsync(tenantA, id)).State);
        Assert.NotNull(await _world.References(tenantA).ByTokenAsync(tenantA.Slug, token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("no-such-tenant")]
    public async Task A_made_up_link_matches_nothing(string token)
    {
        var (tenant, _, _, _, real) = await RequestedAsync();
        var slug = token == "no-such-tenant" ? "no-such-tenant" : tenant.Slug;
        Assert.Null(await _world.References(tenant).ByTokenAsync(slug, token == "no-such-tenant" ? real : token));
        Assert.Null(await _world.References(tenant).ByTokenAsync(tenant.Slug, new string('a', 101)));
    }

    [Fact]
    public async Task A_second_request_to_the_same_referee_or_to_the_applicant_is_refused()
    {
        var (tenant, applicant, id, referee, _) = await RequestedAsync();
        var version = await _world.VersionAsync(tenant, id);
        var same = await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.References(tenant).RequestAsync(id, version, "Jo Head", referee, applicant));
        Assert.Equal("You have already asked this referee; cancel that request first to send a new link.", same.Message);
        var self = await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.References(tenant).RequestAsync(id, version, "Me", applicant.Email.ToUpperInvariant(), applicant));
        Assert.Equal("Your referee must be someone else: your headteacher.", self.Message);
        Assert.Equal(1, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}'"));
    }

    [Theory]
    [InlineData("", "head@school.org", "Give the referee's name (200 characters at most).")]
    [InlineData("Jo Head", "not an email", "Give the referee's email address.")]
    [InlineData("Jo Head", "", "Give the referee's email address.")]
    public async Task A_request_without_a_proper_referee_is_refused_and_nothing_is_stored(string name, string email, string message)
    {
        var tenant = await _world.TenantAsync();
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        var version = await _world.VersionAsync(tenant, id);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _world.References(tenant).RequestAsync(id, version, name, email, applicant));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}'"));
        Assert.Equal(ApplicationState.Submitted, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Theory]
    [InlineData(60, 6, "Years in role must be between 0 and 50.")]
    [InlineData(-1, 6, "Years in role must be between 0 and 50.")]
    [InlineData(4, 0, "Release days per term must be between 1 and 65.")]
    [InlineData(4, 70, "Release days per term must be between 1 and 65.")]
    public async Task A_reference_with_impossible_numbers_is_refused_and_stays_awaited(int years, int releaseDays, string message)
    {
        var (tenant, _, id, _, token) = await RequestedAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _world.References(tenant).RespondAsync(tenant.Slug, token, new ReferenceResponse(true, "Head of maths", years, true, null, null, releaseDays)));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}' AND \"Outcome\" = 'Pending' AND \"ConfirmedRole\" IS NULL"));
        Assert.Equal(ApplicationState.ReferenceRequested, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Null((await _world.References(tenant).ByTokenAsync(tenant.Slug, token))!.WhyUnusable);
    }

    [Fact]
    public async Task A_reference_with_a_script_tag_is_refused_and_stays_awaited()
    {
        var (tenant, _, id, _, token) = await RequestedAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _world.References(tenant).RespondAsync(tenant.Slug, token, Yes with { Comments = "<script>document.location='http://evil'</script>" }));
        Assert.StartsWith("Use plain text: tags such as <script> are not allowed.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}' AND \"Outcome\" = 'Pending'"));
    }

    [Fact]
    public async Task A_declined_reference_lets_the_applicant_ask_someone_else()
    {
        var (tenant, applicant, id, _, token) = await RequestedAsync();
        await _world.References(tenant).RespondAsync(tenant.Slug, token, new ReferenceResponse(false, null, null, false, null, "I cannot release them this year."));
        Assert.Equal(ApplicationState.ReferenceDeclined, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Contains(await _world.EmailsToAsync(applicant.Email), e => e.Subject == "Your referee has declined to give a reference"
            && e.TextBody.Contains("I cannot release them this year.", StringComparison.Ordinal));
        await _world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("deputy") + "@school.org");
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task A_scheme_needing_two_references_waits_for_the_second()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var scheme = await _world.Schemes(tenant, manager).CreateAsync(new SchemeDefinition(DesignationType.TenantScheme, "Moderator", "MOD",
            [RuleSpec.MinimumMonths(12), RuleSpec.References(2)], 24, [], null, null, DesignatedBy.Tenant), manager);
        var applicant = await _world.PersonAsync(tenant, "Mo Moderator", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, scheme.Id.ToString(), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        var first = DesignationWorld.Unique("first") + "@school.org";
        var second = DesignationWorld.Unique("second") + "@school.org";
        await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "First Referee", first, applicant);
        await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "Second Referee", second, applicant);
        var third = await Assert.ThrowsAsync<NotAllowedException>(async () =>
            await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "Third Referee", "third@school.org", applicant));
        Assert.Equal("Every reference this scheme needs has been asked for.", third.Message);

        await _world.References(tenant).RespondAsync(tenant.Slug, await _world.TokenSentToAsync(first), Yes);
        Assert.Equal(ApplicationState.ReferenceRequested, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.DoesNotContain(await _world.EmailsToAsync(manager.Email), e => e.Subject.StartsWith("Ready for review", StringComparison.Ordinal));
        await _world.References(tenant).RespondAsync(tenant.Slug, await _world.TokenSentToAsync(second), Yes);
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Single(await _world.EmailsToAsync(manager.Email), e => e.Subject == "Ready for review: Mo Moderator (MOD)");
    }
}
