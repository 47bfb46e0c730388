using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// A PostgreSQL cluster of the project's own, in a data folder it owns: initdb'd once, started on a free loopback
/// port, stopped with its owner. Used by the web host in Development when no connection string is set, and by the tests.
/// initdb refuses root, so as root the server binaries run as the unprivileged postgres user.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    public const string Superuser = "postgres";

    private readonly string _binDirectory;
    private bool _startedHere;

    private LocalPostgres(string binDirectory, string dataDirectory, int port, bool startedHere)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _startedHere = startedHere;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database, string user = Superuser) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = user,
            // Pooled connections are reused across tenants: the tenant is set inside each transaction, never for the session.
            MaxPoolSize = 50,
        }.ConnectionString;

    public static bool ServerBinariesAvailable() => FindBinDirectory() is not null;

    /// <summary>Starts (or joins, if already running) the cluster in <paramref name="dataDirectory"/>.</summary>
    public static LocalPostgres Start(string dataDirectory, Action<string>? log = null)
    {
        log ??= _ => { };
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found (looked at PG_BINDIR, pg_config --bindir and /usr/lib/postgresql/*/bin). " +
            "Install them with: sudo apt-get install -y postgresql");
        dataDirectory = Path.GetFullPath(dataDirectory);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            log($"Creating a PostgreSQL cluster in {dataDirectory}");
            Directory.CreateDirectory(dataDirectory);
            GiveToServerUser(dataDirectory);
            Run(bin, "initdb", "-D", dataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-instructions");
        }

        if (RunningPort(dataDirectory) is { } running && CanConnect(running))
        {
            log($"PostgreSQL already running from {dataDirectory} on port {running}");
            return new LocalPostgres(bin, dataDirectory, running, startedHere: false);
        }

        var port = FreePort();
        // Loopback only, no Unix socket (its default folder may not exist or be writable here).
        Run(bin, "pg_ctl", "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c full_page_writes=off",
            "start");
        log($"PostgreSQL started from {dataDirectory} on 127.0.0.1:{port}");
        return new LocalPostgres(bin, dataDirectory, port, startedHere: true);
    }

    public void Dispose()
    {
        if (!_startedHere) return;
        _startedHere = false;
        try
        {
            Run(_binDirectory, "pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing to do.
        }
    }

    private static int? RunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        try
        {
            // Line 4 of postmaster.pid is the port.
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username={Superuser};Database=postgres;Timeout=3;Pooling=false");
            connection.Open();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nothing listens on now (also for the test PgBouncer and the bench's pages).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinDirectory()
    {
        static bool HasServer(string? dir) => dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BINDIR");
        if (HasServer(fromEnvironment)) return fromEnvironment;

        try
        {
            var info = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info);
            var output = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            if (HasServer(output)) return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed; try the Debian layout.
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => Path.Combine(v, "bin"))
                .Where(HasServer)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void GiveToServerUser(string directory)
    {
        if (!IsRoot) return;
        RunProcess("chown", ["-R", "postgres:postgres", directory]);
        RunProcess("chmod", ["700", directory]);
    }

    private static void Run(string bin, string tool, params string[] arguments)
    {
        var path = Path.Combine(bin, tool);
        if (IsRoot) RunProcess("runuser", ["-u", "postgres", "--", path, .. arguments]);
        else RunProcess(path, arguments);
    }

    private static void RunProcess(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Read both streams while waiting; a server child holding the pipes open must not hang us, hence the short waits.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in 2 minutes.");
        }
        if (process.ExitCode != 0)
        {
            var error = stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : "";
            var output = stdout.Wait(TimeSpan.FromSeconds(2)) ? stdout.Result : "";
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {error}{output}");
        }
    }
}
