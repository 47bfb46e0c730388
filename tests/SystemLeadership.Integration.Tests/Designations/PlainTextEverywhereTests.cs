using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>
/// Every free-text field that ends up in an email or the trail refuses markup, as the application's statements do
/// (PlainText): a decision reason, a designation note, an interview location, panel comments, a referee's name, a
/// change-of-circumstances note, a review outcome. Nothing is stored when it is refused.
/// </summary>
public class PlainTextEverywhereTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);
    private const string Script = "<script>alert('owned')</script>";

    private async Task<(Tenant Tenant, Actor Manager, Actor Applicant, Actor One, Actor Two, Guid Id)> SubmittedAsync()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var one = await _world.PersonAsync(tenant, "Hugh Head", TenantRoles.Headteacher);
        var two = await _world.PersonAsync(tenant, "Helen Head", TenantRoles.Headteacher);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.AllianceSystemLeader), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        return (tenant, manager, applicant, one, two, id);
    }

    [Fact]
    public async Task A_referee_named_with_markup_is_refused()
    {
        var (tenant, _, applicant, _, _, id) = await SubmittedAsync();
        var version = await _world.VersionAsync(tenant, id);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.References(tenant).RequestAsync(id, version, Script, "head@school.org", applicant));
        Assert.StartsWith(PlainText.MarkupMessage, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _world.CountAsync("References", $"\"ApplicationId\" = '{id}'"));
        Assert.Empty(await _world.EmailsToAsync("head@school.org"));
    }

    [Fact]
    public async Task A_reason_for_not_designating_with_markup_is_refused()
    {
        var (tenant, manager, applicant, _, _, id) = await SubmittedAsync();
        await _world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("head") + "@school.org");
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.MoveAsync(tenant, id, ApplicationMove.DoNotDesignate, manager, Script));
        Assert.Equal(PlainText.MarkupMessage, refused.Message);
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.DoesNotContain(await _world.EmailsToAsync(applicant.Email), e => e.Subject.StartsWith("The decision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interview_location_or_panel_comment_with_markup_is_refused()
    {
        var (tenant, manager, applicant, one, two, id) = await SubmittedAsync();
        await _world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("head") + "@school.org");
        await _world.MoveAsync(tenant, id, ApplicationMove.Shortlist, manager);
        var when = _world.Clock.GetUtcNow().AddDays(7);

        var location = await Assert.ThrowsAsync<InvalidInputException>(async () => await _world.Interviews(tenant, manager)
            .ScheduleAsync(id, await _world.VersionAsync(tenant, id), when, $"Hall {Script}", [one.UserId, two.UserId], manager));
        Assert.StartsWith(PlainText.MarkupMessage, location.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _world.CountAsync("Interviews", $"\"ApplicationId\" = '{id}'"));

        await _world.Interviews(tenant, manager).ScheduleAsync(id, await _world.VersionAsync(tenant, id), when, "Hall", [one.UserId, two.UserId], manager);
        var seat = (await _world.ApplicationViews(tenant, one).ForAsync(id, one))!.MySeat!;
        var comments = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Interviews(tenant, one).ScoreAsync(id, seat.Id, seat.Version, [4, 4, 4, 4], Script, one));
        Assert.StartsWith(PlainText.MarkupMessage, comments.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _world.CountAsync("Panellists", $"\"Id\" = '{seat.Id}' AND \"ScoredAt\" IS NOT NULL"));
    }

    [Fact]
    public async Task A_designation_note_with_markup_is_refused()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var holder = await _world.PersonAsync(tenant, "Harriet Holder", TenantRoles.SystemLeader);
        var designation = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-3));

        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Designations(tenant, manager)
            .MoveAsync(designation.Id, designation.Version, DesignationMove.DeDesignate, manager, DeDesignationReason.Conduct, Script));
        Assert.Equal(PlainText.MarkupMessage, refused.Message);
        Assert.Equal(DesignationState.Active, (await _world.DesignationAsync(tenant, designation.Id)).State);
        Assert.Empty(await _world.EmailsToAsync(holder.Email));
    }

    [Fact]
    public async Task A_change_of_circumstances_note_or_review_outcome_with_markup_is_refused()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var holder = await _world.PersonAsync(tenant, "Harriet Holder", TenantRoles.SystemLeader);
        var designation = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-3));

        var note = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Designations(tenant, holder).ReportChangeAsync(holder, LeadershipRole.SeniorLeader, null, Script));
        Assert.StartsWith(PlainText.MarkupMessage, note.Message, StringComparison.Ordinal);
        Assert.Null((await _world.DesignationAsync(tenant, designation.Id)).ReviewFlag);
        Assert.Empty(await _world.EmailsToAsync(manager.Email));

        await _world.Designations(tenant, holder).ReportChangeAsync(holder, LeadershipRole.SeniorLeader, null, "Promoted.");
        var flagged = await _world.DesignationAsync(tenant, designation.Id);
        var outcome = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Designations(tenant, manager).ClearReviewAsync(designation.Id, flagged.Version, Script, manager));
        Assert.StartsWith(PlainText.MarkupMessage, outcome.Message, StringComparison.Ordinal);
        Assert.NotNull((await _world.DesignationAsync(tenant, designation.Id)).ReviewFlag);
    }

    [Fact]
    public async Task Someone_else_cannot_start_or_see_a_holders_re_designation()
    {
        var tenant = await _world.TenantAsync();
        var holder = await _world.PersonAsync(tenant, "Harriet Holder", TenantRoles.SystemLeader);
        var other = await _world.PersonAsync(tenant, "Mallory Other", TenantRoles.Applicant);
        var designation = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-40));

        var before = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Applications(tenant, other).StartRenewalAsync(other, designation.Id));
        Assert.Equal("Only the holder can apply to renew a designation.", before.Message);

        var renewal = await _world.Applications(tenant, holder).StartRenewalAsync(holder, designation.Id);
        var after = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Applications(tenant, other).StartRenewalAsync(other, designation.Id));
        Assert.Equal("Only the holder can apply to renew a designation.", after.Message);
        Assert.Equal(1, await _world.CountAsync("Applications", $"\"RenewsDesignationId\" = '{designation.Id}'"));
        Assert.Equal(holder.UserId, (await _world.ApplicationAsync(tenant, renewal.Id)).ApplicantUserId);
    }

    [Fact]
    public async Task Scheme_names_differing_only_in_case_count_as_the_same_name()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        SchemeDefinition Named(string name) => new(DesignationType.TenantScheme, name, "ECTM", [RuleSpec.MinimumMonths(12)], 24, [], null, null, DesignatedBy.Tenant);
        var schemes = _world.Schemes(tenant, manager);
        var first = await schemes.CreateAsync(Named("ECT mentor"), manager);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => schemes.CreateAsync(Named("ect MENTOR"), manager));
        Assert.Equal(["This alliance already has a scheme with that name."], refused.Problems);
        Assert.Equal(1, await _world.CountAsync("Schemes", $"\"TenantId\" = '{tenant.Id}'"));
        // Renaming a scheme to a new casing of its own name is fine.
        await schemes.UpdateAsync(first.Id, first.Version, Named("ECT Mentor"), manager);
        Assert.Equal("ECT Mentor", (await schemes.FindAsync(first.Id))!.Name);
        // Wildcard characters in a name are matched literally.
        await schemes.CreateAsync(Named("Lead_practitioner 100%"), manager);
        await schemes.CreateAsync(Named("Lead-practitioner 1000"), manager);
        Assert.Equal(3, await _world.CountAsync("Schemes", $"\"TenantId\" = '{tenant.Id}'"));
    }
}
