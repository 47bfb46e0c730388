using SystemLeadership.Domain.Brokerage;

namespace SystemLeadership.Domain.Tests.Brokerage;

/// <summary>Commissioners as the seeds list them (003 §7), named the same on the form and in the agreement.</summary>
public class CommissionerKindsTests
{
    [Fact]
    public void The_dfe_or_another_national_body_can_commission_support() =>
        Assert.Equal("The DfE or another national body", CommissionerKinds.Name(CommissionerKind.NationalBody));

    [Fact]
    public void Every_kind_of_commissioner_has_a_name() =>
        Assert.All(Enum.GetValues<CommissionerKind>(), kind => Assert.False(string.IsNullOrWhiteSpace(CommissionerKinds.Name(kind))));
}
