using System.Globalization;
using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Hosting;

/// <summary>
/// The app's clock, movable forward by a browser test: only in Development, only when <c>App:AdjustableClock</c> is
/// set, and only from this machine (POST /dev/clock?advance=3.00:00:00). The browser tests use it to let a scheduled
/// visit take place before it is recorded, instead of the product allowing early recording. Timers keep real time.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public static bool IsEnabled(WebApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>("App:AdjustableClock");

    /// <summary>Registers the clock before the features do (they only add the system clock if none is there).</summary>
    public static void Use(WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder)) return;
        var clock = new AdjustableClock();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
    }

    public static void Map(WebApplication app)
    {
        if (app.Services.GetService<AdjustableClock>() is null) return;
        app.MapPost("/dev/clock", (HttpContext request, AdjustableClock clock, string advance) =>
        {
            if (!app.Environment.IsDevelopment() || !LocalRequest.IsDirect(request)) return Results.NotFound();
            if (!TimeSpan.TryParse(advance, CultureInfo.InvariantCulture, out var by) || by < TimeSpan.Zero || by > TimeSpan.FromDays(400))
                return Results.BadRequest("advance must be a forward time span such as 3.00:00:00.");
            clock.Advance(by);
            return Results.Ok(new { now = clock.GetUtcNow() });
        }).DisableAntiforgery();
    }
}
