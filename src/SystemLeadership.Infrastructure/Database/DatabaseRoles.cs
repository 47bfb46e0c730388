using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// The names of the database's roles (Database:OwnerRole, Database:AppRole, Database:DirectoryRole,
/// Database:MailerRole). Each is a plain lower-case identifier, checked here, so it can stand in SQL unquoted and never
/// carries SQL of its own. The directory and mailer roles cannot log in: the application role steps into them
/// (SET LOCAL ROLE), the first to read the public directory and nothing else, the second to read and mark every
/// tenant's outbox emails (the sender, and a College administrator's "send again") and nothing else.
/// </summary>
public sealed partial record DatabaseRoles
{
    public const string OwnerSetting = "Database:OwnerRole";
    public const string AppSetting = "Database:AppRole";
    public const string DirectorySetting = "Database:DirectoryRole";
    public const string MailerSetting = "Database:MailerRole";

    public static DatabaseRoles Default { get; } = new(DatabaseSetup.OwnerRole, DatabaseSetup.AppRole);

    public DatabaseRoles(string owner, string app, string directory = DatabaseSetup.DirectoryRole, string mailer = DatabaseSetup.MailerRole)
    {
        Owner = Valid(owner, OwnerSetting);
        App = Valid(app, AppSetting);
        Directory = Valid(directory, DirectorySetting);
        Mailer = Valid(mailer, MailerSetting);
        if (Owner == App)
        {
            throw new ArgumentException($"{OwnerSetting} and {AppSetting} are both '{Owner}': the application role must be a different role from the owner, or it would own every table.");
        }
        if (Directory == Owner || Directory == App)
        {
            throw new ArgumentException($"{DirectorySetting} is '{Directory}', the same as another role: the directory role must be a role of its own, which may read the public directory and nothing else.");
        }
        if (Mailer == Owner || Mailer == App || Mailer == Directory)
        {
            throw new ArgumentException($"{MailerSetting} is '{Mailer}', the same as another role: the mailer role must be a role of its own, which may read and mark the outbox and nothing else.");
        }
    }

    public string Owner { get; }
    public string App { get; }
    public string Directory { get; }
    public string Mailer { get; }

    /// <summary>Database:OwnerRole, Database:AppRole, Database:DirectoryRole and Database:MailerRole, each defaulting to the built-in name.</summary>
    public static DatabaseRoles FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var owner = configuration[OwnerSetting];
        var app = configuration[AppSetting];
        var directory = configuration[DirectorySetting];
        var mailer = configuration[MailerSetting];
        return new DatabaseRoles(
            string.IsNullOrWhiteSpace(owner) ? DatabaseSetup.OwnerRole : owner.Trim(),
            string.IsNullOrWhiteSpace(app) ? DatabaseSetup.AppRole : app.Trim(),
            string.IsNullOrWhiteSpace(directory) ? DatabaseSetup.DirectoryRole : directory.Trim(),
            string.IsNullOrWhiteSpace(mailer) ? DatabaseSetup.MailerRole : mailer.Trim());
    }

    /// <summary>Whether <paramref name="name"/> is a plain identifier: a lower-case letter or underscore, then letters, digits, underscores; at most 63.</summary>
    public static bool IsPlainIdentifier(string? name) => name is not null && PlainIdentifier().IsMatch(name);

    private static string Valid(string name, string setting)
    {
        if (!IsPlainIdentifier(name))
        {
            throw new ArgumentException(
                $"{setting} is '{name}', which is not a plain role name: use lower-case letters, digits and underscores, starting with a letter (at most 63 characters).");
        }
        if (name.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{setting} is '{name}': names starting with pg_ are reserved by PostgreSQL.");
        }
        return name;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}
