using System.Diagnostics;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Testing;

/// <summary>
/// HAProxy (Debian package haproxy) on a free loopback port in front of app nodes, configured as scripts/cluster.sh
/// and deploy/haproxy.cfg configure it: round robin, sticky by the SL_NODE cookie, WebSockets passed through, nodes
/// health-checked every 500 ms and redispatched away from when down. Runs in the foreground and is killed on dispose.
/// </summary>
public sealed class LocalHaproxy : IDisposable
{
    private static readonly string[] Binaries = ["/usr/sbin/haproxy", "/usr/bin/haproxy"];
    private readonly Process _process;
    private readonly string _folder;
    private readonly List<string> _output = [];

    private LocalHaproxy(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The node names the proxy's cookie carries: node1, node2… in the order given.</summary>
    public static LocalHaproxy Start(params Uri[] nodes)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("HAProxy is not installed: apt-get install -y haproxy (scripts/test.sh does it).");
        var folder = Path.Combine(Path.GetTempPath(), "systemleadership-haproxy", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = LocalPostgres.FreePort();
        var servers = string.Concat(nodes.Select((n, i) => $"    server node{i + 1} 127.0.0.1:{n.Port} check cookie node{i + 1}\n"));
        var config = Path.Combine(folder, "haproxy.cfg");
        File.WriteAllText(config, $"""
            global
                maxconn 512

            defaults
                mode http
                option forwardfor
                option redispatch
                retries 2
                timeout connect 2s
                timeout check 5s
                timeout client 60s
                timeout server 60s
                timeout tunnel 1h

            frontend web
                bind 127.0.0.1:{port}
                http-request set-header X-Forwarded-Proto %[ssl_fc,iif(https,http)]
                default_backend app

            backend app
                balance roundrobin
                cookie SL_NODE insert indirect nocache httponly
                option httpchk GET /health/live
                default-server inter 500ms fall 2 rise 2

            """ + servers);
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        info.ArgumentList.Add("-db");
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("HAProxy did not start.");
        var proxy = new LocalHaproxy(process, folder, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (proxy._output) proxy._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (proxy._output) proxy._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!LocalDaemon.WaitUntilListening(process, port))
        {
            string said;
            lock (proxy._output) said = string.Join('\n', proxy._output);
            proxy.Dispose();
            throw new InvalidOperationException($"HAProxy did not listen on 127.0.0.1:{port}. {said}");
        }
        return proxy;
    }

    public void Dispose() => LocalDaemon.Stop(_process, _folder);
}
