using Microsoft.AspNetCore.Identity;

namespace SystemLeadership.Infrastructure.Data;

public sealed class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string FullName { get; set; } = "";
}
