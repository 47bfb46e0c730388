using System.Globalization;
using System.Text;
using SystemLeadership.Domain.Deployments;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>An iCalendar (RFC 5545) file for one visit, so every party can put it in their calendar.</summary>
public static class VisitCalendar
{
    public static string Write(Visit visit, Deployment deployment, DateTimeOffset stamp, string host = "systemleadership")
    {
        var sb = new StringBuilder();
        void Line(string text)
        {
            // Lines longer than 75 octets are folded: CRLF then a space (RFC 5545 §3.1).
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length <= 75)
            {
                sb.Append(text).Append("\r\n");
                return;
            }
            var current = new StringBuilder();
            var length = 0;
            var first = true;
            foreach (var rune in text.EnumerateRunes())
            {
                var size = rune.Utf8SequenceLength;
                if (length + size > (first ? 75 : 74))
                {
                    sb.Append(first ? "" : " ").Append(current).Append("\r\n");
                    current.Clear();
                    length = 0;
                    first = false;
                }
                current.Append(rune.ToString());
                length += size;
            }
            sb.Append(first ? "" : " ").Append(current).Append("\r\n");
        }

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//SystemLeadership//Brokerage//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("BEGIN:VEVENT");
        Line($"UID:{visit.Id:D}@{host}");
        Line($"DTSTAMP:{Utc(stamp)}");
        Line($"DTSTART:{Utc(visit.StartsAt)}");
        Line($"DTEND:{Utc(visit.EndsAt)}");
        Line($"SUMMARY:{Escape($"Support visit: {deployment.LeaderName} at {deployment.SchoolName}")}");
        Line($"LOCATION:{Escape(visit.Location)}");
        Line($"DESCRIPTION:{Escape($"System leadership support visit. Objectives: {string.Join("; ", deployment.Objectives)}")}");
        Line(visit.State == VisitState.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        Line("END:VEVENT");
        Line("END:VCALENDAR");
        return sb.ToString();
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);
}
