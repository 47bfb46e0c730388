using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

public class PeriodAndDayRateTests
{
    private static readonly DateOnly Start = new(2026, 11, 24);

    private static Designation Designate(SchemeDefinition scheme, LeadershipRole role, DateOnly start, int? urn = 100001)
    {
        var application = new DesignationApplication(Guid.NewGuid(), "holder", "Ada Lovelace", "ada@example.org", scheme);
        application.UpdateAnswers(new ApplicationAnswers(role, 60, ["Maths"], SchoolUrn: urn), "Swaledale Primary", "Outstanding", DateTimeOffset.UnixEpoch);
        return new Designation(application, start, "Margaret Thompson");
    }

    [Fact]
    public void An_SLE_is_designated_for_four_years_ending_the_day_before_the_anniversary() =>
        Assert.Equal(new DateOnly(2030, 11, 23), Designate(Presets.Sle, LeadershipRole.MiddleLeader, Start).EndDate);

    [Fact]
    public void An_alliance_system_leader_is_designated_for_four_years_ending_the_day_before_the_anniversary() =>
        Assert.Equal(new DateOnly(2030, 11, 23), Designate(Presets.AllianceSystemLeader, LeadershipRole.MiddleLeader, Start).EndDate);

    [Fact]
    public void An_NLG_is_designated_for_two_years_ending_the_day_before_the_anniversary() =>
        Assert.Equal(new DateOnly(2028, 11, 23), Designate(Presets.Nlg, LeadershipRole.ChairOfGovernors, Start).EndDate);

    [Theory]
    [InlineData(DesignationType.LocalLeaderOfEducation)]
    [InlineData(DesignationType.NationalLeaderOfEducation)]
    [InlineData(DesignationType.TeachingSchool)]
    [InlineData(DesignationType.NationalSupportSchool)]
    public void National_designations_without_a_fixed_period_have_no_end_date(DesignationType type)
    {
        var scheme = Presets.For(type);
        Assert.Null(scheme.PeriodMonths);
        Assert.Null(scheme.EndDateFor(Start));
        Assert.Equal("No fixed period", scheme.PeriodText);
    }

    [Fact]
    public void An_LLE_designation_has_no_end_date_and_never_expires_soon()
    {
        var lle = Designate(Presets.Lle, LeadershipRole.Headteacher, Start);
        Assert.Null(lle.EndDate);
        Assert.False(lle.IsExpiringSoon(Start.AddYears(10)));
    }

    [Theory]
    [InlineData("2026-01-01", "2029-12-31")]
    [InlineData("2026-08-31", "2030-08-30")]
    [InlineData("2024-02-29", "2028-02-28")]
    [InlineData("2027-03-01", "2031-02-28")]
    public void Four_year_periods_end_the_day_before_the_anniversary_across_month_ends_and_leap_years(string start, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            Presets.AllianceSystemLeader.EndDateFor(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Periods_read_as_years() => Assert.Equal(("4 years", "2 years"), (Presets.AllianceSystemLeader.PeriodText, Presets.Nlg.PeriodText));

    [Theory]
    [InlineData(LeadershipRole.MiddleLeader, 30_000)]
    [InlineData(LeadershipRole.SeniorLeader, 30_000)]
    [InlineData(LeadershipRole.DeputyHeadteacher, 30_000)]
    [InlineData(LeadershipRole.AssistantHeadteacher, 30_000)]
    [InlineData(LeadershipRole.Headteacher, 40_000)]
    public void An_alliance_system_leaders_school_is_paid_300_pounds_a_day_and_400_for_a_head(LeadershipRole role, int pence)
    {
        Assert.Equal(pence, Presets.AllianceSystemLeader.DayRateFor(role));
        Assert.Equal(pence, Designate(Presets.AllianceSystemLeader, role, Start).DayRatePence);
    }

    [Fact]
    public void With_no_role_known_the_ordinary_rate_applies() => Assert.Equal(30_000, Presets.AllianceSystemLeader.DayRateFor(null));

    [Fact]
    public void A_scheme_without_a_head_rate_pays_heads_the_ordinary_rate() =>
        Assert.Equal(30_000, Presets.Sle.DayRateFor(LeadershipRole.Headteacher));

    [Theory]
    [InlineData(DesignationType.LocalLeaderOfEducation)]
    [InlineData(DesignationType.NationalLeaderOfEducation)]
    [InlineData(DesignationType.NationalLeaderOfGovernance)]
    [InlineData(DesignationType.TeachingSchool)]
    public void National_designations_set_no_day_rate(DesignationType type) =>
        Assert.Null(Presets.For(type).DayRateFor(LeadershipRole.Headteacher));

    [Fact]
    public void A_designation_copies_its_holder_scheme_specialisms_school_and_training()
    {
        var designation = Designate(Presets.AllianceSystemLeader, LeadershipRole.Headteacher, Start);
        Assert.Equal(("Ada Lovelace", "ASL", DesignationState.Active), (designation.HolderName, designation.SchemeShortName, designation.State));
        Assert.Equal(["Maths"], designation.Specialisms);
        Assert.Equal("Swaledale Primary", designation.SchoolName);
        Assert.Equal(["Induction", "Training", "System Leaders Development Group"], designation.Training.Select(t => t.Name));
        Assert.False(designation.TrainingComplete);
        Assert.Equal("Margaret Thompson", designation.DesignatedByName);
    }

    [Fact]
    public void An_NLEs_school_becomes_a_national_support_school_linked_to_its_head()
    {
        var nle = Designate(Presets.Nle, LeadershipRole.Headteacher, Start);
        var nss = Designation.SupportSchoolOf(nle);
        Assert.Equal(DesignationType.NationalSupportSchool, nss.Type);
        Assert.Equal("Swaledale Primary", nss.HolderName);
        Assert.Equal(nle.Id, nss.LinkedDesignationId);
        Assert.Equal(nle.SchoolUrn, nss.SchoolUrn);
        Assert.Equal("NSS", nss.SchemeShortName);
        Assert.Null(nss.EndDate);
    }

    [Fact]
    public void Only_an_NLE_with_a_school_makes_a_national_support_school()
    {
        Assert.Throws<InvalidOperationException>(() => Designation.SupportSchoolOf(Designate(Presets.Lle, LeadershipRole.Headteacher, Start)));
        Assert.Throws<InvalidOperationException>(() => Designation.SupportSchoolOf(Designate(Presets.Nle, LeadershipRole.Headteacher, Start, urn: null)));
    }
}
