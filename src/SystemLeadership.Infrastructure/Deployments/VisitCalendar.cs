using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SystemLeadership.Domain.Deployments;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>An iCalendar (RFC 5545) file for one visit, so every party can put it in their calendar.</summary>
public static class VisitCalendar
{
    /// <summary>
    /// The visit as a one-event calendar. Times are written in UTC (the instants we store), which every calendar
    /// shows in its own zone; the UID is the visit's id, so a re-downloaded file updates the same event.
    /// </summary>
    public static string Write(Visit visit, Deployment deployment, DateTimeOffset stamp, string host = "systemleadership")
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(deployment);
        var calendar = new Calendar
        {
            ProductId = "-//SystemLeadership//Brokerage//EN",
            Method = "PUBLISH",
        };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{visit.Id:D}@{host}",
            DtStamp = Utc(stamp),
            DtStart = Utc(visit.StartsAt),
            DtEnd = Utc(visit.EndsAt),
            Summary = $"Support visit: {deployment.LeaderName} at {deployment.SchoolName}",
            Location = visit.Location,
            Description = $"System leadership support visit. Objectives: {string.Join("; ", deployment.Objectives)}",
            Status = visit.State == VisitState.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        });
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalDateTime Utc(DateTimeOffset at) => new(at.UtcDateTime, CalDateTime.UtcTzId);
}
