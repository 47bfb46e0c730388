using Microsoft.EntityFrameworkCore.Design;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>For `dotnet ef migrations add`: the model needs no live database.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) => DatabaseSetup.CreateContext("Host=127.0.0.1;Database=design_time");
}
