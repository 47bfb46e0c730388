using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>The scheduled work: reminders at 7 and 11 days, lapsing at 14, "expiring soon" at 90 days, expiry after the end date.</summary>
public class DesignationSchedulerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    private async Task<(Tenant Tenant, Actor Applicant, Guid ApplicationId, string Referee)> ReferenceRequestedAsync()
    {
        var tenant = await _world.TenantAsync();
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        var referee = DesignationWorld.Unique("head") + "@reeth.example.org";
        await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "Jo Head", referee, applicant);
        return (tenant, applicant, id, referee);
    }

    private async Task RunOnDayAsync(double day)
    {
        _world.Clock.SetUtcNow(DesignationWorld.Start.AddDays(day));
        await _world.Scheduler().RunOnceAsync();
    }

    private async Task<int> RemindersToAsync(string referee) =>
        (await _world.EmailsToAsync(referee)).Count(e => e.Subject.StartsWith("Reminder: reference request for", StringComparison.Ordinal));

    [Fact]
    public async Task A_reference_unanswered_for_a_week_waits_on_the_managers_home_until_the_referee_answers()
    {
        var (tenant, _, id, referee) = await ReferenceRequestedAsync();
        var manager = await _world.PersonAsync(tenant, "Meg Manager", TenantRoles.AllianceManager);
        var needs = new SystemLeadership.Infrastructure.Reports.NeedsYou(_world.Contexts(tenant),
            new SystemLeadership.Infrastructure.Brokerage.BrokerageViews(_world.Contexts(tenant), _world.Clock), _world.Clock);
        async Task<int> WaitingAsync() => (await needs.ForAsync(manager)).FirstOrDefault(i => i.Id == "needs-references")?.Count ?? 0;

        _world.Clock.SetUtcNow(DesignationWorld.Start.AddDays(6));
        Assert.Equal(0, await WaitingAsync());
        _world.Clock.SetUtcNow(DesignationWorld.Start.AddDays(8));
        Assert.Equal(1, await WaitingAsync());
        Assert.Equal("applications?state=ReferenceRequested", (await needs.ForAsync(manager)).Single(i => i.Id == "needs-references").Where);

        await _world.References(tenant).RespondAsync(tenant.Slug, await _world.TokenSentToAsync(referee), new(true, "Head of maths", 4, true, null, null));
        Assert.Equal(0, await WaitingAsync());
    }

    [Fact]
    public async Task The_link_in_a_reminder_answers_the_reference_and_the_first_link_is_then_used()
    {
        var (tenant, _, id, referee) = await ReferenceRequestedAsync();
        var first = await _world.TokenSentToAsync(referee);
        await RunOnDayAsync(7);
        var fromReminder = await _world.TokenSentToAsync(referee);
        Assert.NotEqual(first, fromReminder);

        await _world.References(tenant).RespondAsync(tenant.Slug, fromReminder,
            new ReferenceResponse(true, "Head of maths", 3, true, null, null));

        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Equal("This reference link has already been used.", (await _world.References(tenant).ByTokenAsync(tenant.Slug, first))!.WhyUnusable);
    }

    [Fact]
    public async Task Reminders_go_exactly_once_at_seven_and_eleven_days_and_the_link_lapses_at_fourteen()
    {
        var (tenant, applicant, id, referee) = await ReferenceRequestedAsync();

        var expected = new (double Day, int Reminders)[] { (6, 0), (7, 1), (7, 1), (8, 1), (11, 2), (11, 2), (12, 2), (13.99, 2), (14, 2), (14, 2), (20, 2) };
        foreach (var (day, reminders) in expected)
        {
            await RunOnDayAsync(day);
            Assert.True(reminders == await RemindersToAsync(referee), $"day {day}: expected {reminders} reminders");
            var state = (await _world.ApplicationAsync(tenant, id)).State;
            Assert.Equal(day >= 14 ? ApplicationState.ReferenceExpired : ApplicationState.ReferenceRequested, state);
        }

        var reminder = (await _world.EmailsToAsync(referee)).First(e => e.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        Assert.Contains("You can answer with this link (or the one in our first email)", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("/reference/", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("expires on 8 December 2026", reminder.TextBody, StringComparison.Ordinal);
        Assert.Single(await _world.EmailsToAsync(applicant.Email), e => e.Subject == "Your reference request has expired");

        await using var context = db.NewContext(tenant.Id);
        var trail = await context.AuditEntries.AsNoTracking().Where(a => a.EntityId == id).OrderBy(a => a.At).ToListAsync();
        Assert.Equal(["Reminder 1 sent to referee", "Reminder 2 sent to referee"], trail.Where(a => a.Action.StartsWith("Reminder", StringComparison.Ordinal)).Select(a => a.Action));
        var lapse = Assert.Single(trail, a => a.Action == "Reference link expired");
        Assert.Equal(("ReferenceRequested", "ReferenceExpired", "SystemLeadership (scheduled)"), (lapse.FromState, lapse.ToState, lapse.ActorName));
        Assert.Equal(ReferenceOutcome.Expired, (await context.References.AsNoTracking().SingleAsync(r => r.ApplicationId == id)).Outcome);
    }

    [Fact]
    public async Task A_run_that_missed_the_seven_day_mark_sends_one_reminder_not_two()
    {
        var (_, _, _, referee) = await ReferenceRequestedAsync();
        await RunOnDayAsync(12);
        Assert.Equal(1, await RemindersToAsync(referee));
        await RunOnDayAsync(13);
        Assert.Equal(1, await RemindersToAsync(referee));
    }

    [Fact]
    public async Task Two_scheduler_instances_running_at_the_same_moment_send_one_reminder()
    {
        var (_, _, _, referee) = await ReferenceRequestedAsync();
        _world.Clock.SetUtcNow(DesignationWorld.Start.AddDays(7));
        await Task.WhenAll(_world.Scheduler().RunOnceAsync(), _world.Scheduler().RunOnceAsync());
        Assert.Equal(1, await RemindersToAsync(referee));
    }

    [Fact]
    public async Task An_answered_reference_gets_no_reminder_and_never_lapses()
    {
        var (tenant, _, id, referee) = await ReferenceRequestedAsync();
        await _world.References(tenant).RespondAsync(tenant.Slug, await _world.TokenSentToAsync(referee), new(true, "Head of maths", 4, true, null, null));
        await RunOnDayAsync(7);
        await RunOnDayAsync(15);
        Assert.Equal(0, await RemindersToAsync(referee));
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task After_a_lapse_the_applicant_can_ask_again()
    {
        var (tenant, applicant, id, referee) = await ReferenceRequestedAsync();
        await RunOnDayAsync(14);
        Assert.Equal(ApplicationState.ReferenceExpired, (await _world.ApplicationAsync(tenant, id)).State);
        await _world.References(tenant).RequestAsync(id, await _world.VersionAsync(tenant, id), "Jo Head", referee, applicant);
        Assert.Equal(ApplicationState.ReferenceRequested, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task The_holder_is_told_once_at_exactly_90_days_and_the_designation_expires_after_its_end_date()
    {
        var tenant = await _world.TenantAsync();
        var holder = await _world.PersonAsync(tenant, "Harriet Holder", TenantRoles.SystemLeader);
        var designation = await _world.SeededDesignationAsync(tenant, holder, new DateOnly(2026, 1, 5));
        var end = designation.EndDate!.Value;
        Assert.Equal(new DateOnly(2030, 1, 4), end);

        async Task OnAsync(DateOnly day)
        {
            _world.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            await _world.Scheduler().RunOnceAsync();
        }
        async Task<int> NoticesAsync() => (await _world.EmailsToAsync(holder.Email)).Count(e => e.Subject == "Your SLE designation ends on 4 January 2030");

        await OnAsync(end.AddDays(-91));
        Assert.Equal(0, await NoticesAsync());
        await OnAsync(end.AddDays(-90));
        Assert.Equal(1, await NoticesAsync());
        await OnAsync(end.AddDays(-90));
        await OnAsync(end.AddDays(-89));
        await OnAsync(end.AddDays(-1));
        Assert.Equal(1, await NoticesAsync());

        await OnAsync(end);
        Assert.Equal(DesignationState.Active, (await _world.DesignationAsync(tenant, designation.Id)).State);
        await OnAsync(end.AddDays(1));
        var expired = await _world.DesignationAsync(tenant, designation.Id);
        Assert.Equal((DesignationState.Expired, (DateOnly?)end), (expired.State, expired.EndedOn));
        await OnAsync(end.AddDays(2));

        var trail = Assert.Single(await _world.Designations(tenant).HistoryOfAsync(designation.HolderUserId)).History;
        Assert.Equal(["Expiring soon: holder told", "Expired"], trail.Select(h => h.Action));
        Assert.Equal(("Active", "Expired"), (trail[1].FromState, trail[1].ToState));
        Assert.Equal(1, await NoticesAsync());
    }

    [Fact]
    public async Task A_designation_without_an_end_date_is_left_alone()
    {
        var tenant = await _world.TenantAsync();
        var holder = await _world.PersonAsync(tenant, "Lena Local", TenantRoles.SystemLeader);
        var lle = await _world.SeededDesignationAsync(tenant, holder, new DateOnly(2010, 1, 1), Presets.Lle);
        _world.Clock.SetUtcNow(new DateTimeOffset(2040, 1, 1, 9, 0, 0, TimeSpan.Zero));
        await _world.Scheduler().RunOnceAsync();
        Assert.Equal(DesignationState.Active, (await _world.DesignationAsync(tenant, lle.Id)).State);
        Assert.Empty(await _world.EmailsToAsync(holder.Email));
    }

    [Fact]
    public async Task The_college_is_warned_once_when_an_nlgs_year_is_on_course_to_end_under_ten_days()
    {
        var college = await _world.CollegeAsync();
        var administrator = await _world.PersonAsync(college, "Ruth Adeyemi", TenantRoles.AllianceManager);
        await using (var owner = _world.Db.NewOwnerContext())
        {
            var role = await owner.Roles.FirstOrDefaultAsync(r => r.Name == GlobalRoles.CollegeAdministrator);
            if (role is null)
            {
                role = new Microsoft.AspNetCore.Identity.IdentityRole(GlobalRoles.CollegeAdministrator) { NormalizedName = GlobalRoles.CollegeAdministrator.ToUpperInvariant() };
                owner.Roles.Add(role);
            }
            owner.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = administrator.UserId, RoleId = role.Id });
            await owner.SaveChangesAsync();
        }
        // Designated on 15 December 2025: the year ends on 14 December 2026, twenty days after today, with no days delivered.
        var chair = DesignationWorld.Unique("chair");
        Guid designationId;
        await using (var context = _world.Db.NewContext(college.Id))
        {
            var application = new DesignationApplication(college.Id, chair, "Helen Marsh", chair + "@governors.test", Presets.Nlg);
            var designation = new Designation(application, new DateOnly(2025, 12, 15), "Ruth Adeyemi");
            context.Applications.Add(application);
            context.Designations.Add(designation);
            await context.SaveChangesAsync();
            designationId = designation.Id;
        }

        var first = await _world.Scheduler().RunOnceAsync();
        _world.Clock.Advance(TimeSpan.FromDays(1));
        var second = await _world.Scheduler().RunOnceAsync();

        Assert.Equal(1, first.CommitmentWarnings);
        Assert.Equal(0, second.CommitmentWarnings);
        var email = Assert.Single(await _world.EmailsToAsync(administrator.Email));
        Assert.Equal("Helen Marsh (NLG, National College) is on course for fewer than 10 days this year", email.Subject);
        Assert.Contains("0 days delivered in the year 15 December 2025 to 14 December 2026", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/t/college/designations/{designationId}", email.TextBody, StringComparison.Ordinal);
        var shown = await new NlgCommitments(_world.Contexts(college), _world.Clock).ForDesignationAsync(designationId);
        Assert.Equal(CommitmentStatus.WillEndShort, shown!.Year.Status(_world.Today));
    }
}
