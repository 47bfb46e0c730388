using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.WebUtilities;
using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Tests.Security;

/// <summary>What the account pages accept from forms and emailed links, before anything reaches Identity or the database.</summary>
public class AccountInputTests
{
    [Fact]
    public void A_code_from_one_of_our_links_decodes_and_anything_else_is_an_invalid_link()
    {
        var good = WebEncoders.Base64UrlEncode("CfDJ8Ab+token/=="u8.ToArray());
        Assert.True(AccountInput.TryDecodeCode(good, out var decoded));
        Assert.Equal("CfDJ8Ab+token/==", decoded);
        foreach (var bad in new[] { null, "", "!!!", "a", "%ZZ", "abc=", new string('A', 5000), WebEncoders.Base64UrlEncode([0xC3, 0x28]), WebEncoders.Base64UrlEncode([0x00]) })
            Assert.False(AccountInput.TryDecodeCode(bad, out _), bad);
    }

    [Theory]
    [InlineData("ada@school.sch.uk", true)]
    [InlineData("ada\0@school.sch.uk", false)]
    [InlineData("not an email", false)]
    [InlineData("", false)]
    public void Only_an_email_the_users_table_can_hold_is_plausible(string email, bool plausible) =>
        Assert.Equal(plausible, AccountInput.IsPlausibleEmail(email));

    [Fact]
    public void An_email_over_256_characters_gets_the_fields_message()
    {
        var email = new string('a', 300) + "@school.sch.uk";
        var form = new Form { Email = email };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(form, new ValidationContext(form), results, true));
        Assert.Equal("Enter an email address of 256 characters or fewer, like name@school.sch.uk.", Assert.Single(results).ErrorMessage);
    }

    [Theory]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", true)]
    [InlineData("user\0id", false)]
    [InlineData("", false)]
    public void A_user_id_with_a_nul_byte_is_never_looked_up(string id, bool plausible) =>
        Assert.Equal(plausible, AccountInput.IsPlausibleId(id));

    private sealed class Form
    {
        [AccountEmail]
        public string Email { get; set; } = "";
    }
}
