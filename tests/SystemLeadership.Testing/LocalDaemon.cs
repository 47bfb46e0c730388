using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SystemLeadership.Testing;

/// <summary>What the tests' own servers (LocalPgBouncer, LocalHaproxy) share: waiting for their port, and stopping them.</summary>
internal static class LocalDaemon
{
    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits up to 15 s for the port; false if the process exited or time ran out first.</summary>
    public static bool WaitUntilListening(Process process, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Listening(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    /// <summary>Kills the process (and anything it started) and deletes its folder.</summary>
    public static void Stop(Process process, string folder)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
