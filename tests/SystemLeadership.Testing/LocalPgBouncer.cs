using System.Diagnostics;
using Npgsql;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Testing;

/// <summary>
/// A PgBouncer (Debian package pgbouncer) in transaction mode in front of the test server, with a pool of one server
/// connection per database and user: every client's transactions take turns on that one connection, which is how a
/// national deployment's pooler shares connections between tenants. Runs as the postgres user when started as root
/// (PgBouncer refuses root) and is killed on dispose.
/// </summary>
public sealed class LocalPgBouncer : IDisposable
{
    private static readonly string[] Binaries = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];
    private readonly Process _process;
    private readonly string _folder;

    private LocalPgBouncer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The same database and user as <paramref name="connectionString"/>, through the pooler.</summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1",
            Port = Port,
            // The pooler hands the server connection on at each transaction's end; Npgsql's DISCARD ALL is not needed.
            NoResetOnClose = true,
            // Debian's PgBouncer (1.18) does not carry prepared statements between server connections: as the README
            // tells an operator behind such a pooler, the app's prepared statements are switched off.
            MaxAutoPrepare = 0,
        }.ConnectionString;

    public static LocalPgBouncer Start(string serverConnectionString, params string[] users)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("PgBouncer is not installed: apt-get install -y pgbouncer (scripts/test.sh does it).");
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var folder = Path.Combine(Path.GetTempPath(), "systemleadership-pgbouncer", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = LocalPostgres.FreePort();
        File.WriteAllText(Path.Combine(folder, "userlist.txt"), string.Concat(users.Select(u => $"\"{u}\" \"\"\n")));
        File.WriteAllText(Path.Combine(folder, "pgbouncer.ini"), $"""
            [databases]
            * = host={server.Host} port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {folder}/userlist.txt
            pool_mode = transaction
            default_pool_size = 1
            max_client_conn = 200
            ignore_startup_parameters = extra_float_digits
            logfile = {folder}/pgbouncer.log
            pidfile = {folder}/pgbouncer.pid
            """);

        var root = Environment.UserName == "root";
        if (root) Chown(folder);
        var info = new ProcessStartInfo(root ? "runuser" : binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        if (root)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(binary);
        }
        info.ArgumentList.Add(Path.Combine(folder, "pgbouncer.ini"));
        var process = Process.Start(info) ?? throw new InvalidOperationException("PgBouncer did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var bouncer = new LocalPgBouncer(process, folder, port);
        if (!LocalDaemon.WaitUntilListening(process, port))
        {
            var log = File.Exists(Path.Combine(folder, "pgbouncer.log")) ? File.ReadAllText(Path.Combine(folder, "pgbouncer.log")) : "";
            bouncer.Dispose();
            throw new InvalidOperationException($"PgBouncer did not listen on 127.0.0.1:{port}. {log}");
        }
        return bouncer;
    }

    public void Dispose() => LocalDaemon.Stop(_process, _folder);

    private static void Chown(string folder)
    {
        using var chown = Process.Start("chown", ["-R", "postgres:postgres", folder]) ?? throw new InvalidOperationException("chown did not start.");
        chown.WaitForExit();
    }
}
