namespace SystemLeadership.Infrastructure.Email;

/// <summary>Bound from the "Smtp" configuration section. No Host means no mail server: the development mailbox is used.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "SystemLeadership <no-reply@systemleadership.local>";
}
