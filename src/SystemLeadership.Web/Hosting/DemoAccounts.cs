using SystemLeadership.Infrastructure.Demo;
namespace SystemLeadership.Web.Hosting;

internal static class DemoAccounts
{
    public static void Print(WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return;
        var lines = DemoData.Accounts.Concat(DemoApplications.Accounts).Select(a => $"  {a.Email,-32} {a.Role}");
        Console.WriteLine($"""

            SystemLeadership is starting on {app.Configuration["App:BaseUrl"] ?? "http://localhost:5080"}
            Demo accounts (password for all: {DemoData.Password}):
            {string.Join(Environment.NewLine, lines)}
            Development mailbox (every email the app sends; from this machine only): /dev/mail

            """);
    }
}
