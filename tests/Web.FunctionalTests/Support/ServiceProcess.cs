using System.Diagnostics;
using System.Reflection;
using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>The published service run as its own process, as an operator runs it, with its output captured.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the service with these environment variables (Development unless given) and arguments.</summary>
    public static ServiceProcess Start(IDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web, .. args]);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return Launch(start, environment, workingDirectory);
    }

    /// <summary>
    /// Starts the service the README's way, <c>dotnet run --project src/Web</c>, so its launch profile applies; no
    /// environment is set unless given, and the build the tests run against is used as it is.
    /// </summary>
    public static ServiceProcess StartWithDotnetRun(IDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Web");
        var configuration = typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet", ["run", "--project", project, "--no-build", "--configuration", configuration, "--", .. args]);
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return Launch(start, environment, workingDirectory);
    }

    private static ServiceProcess Launch(ProcessStartInfo start, IDictionary<string, string?> environment, string workingDirectory)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = workingDirectory;
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(start)!);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (IntegrationHub.sln) was not found.");
    }

    /// <summary>Waits for the process to end on its own; fails the test if it is still running after a minute.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until the service answers <c>/health/live</c> at <paramref name="baseUrl"/>.</summary>
    public async Task WaitUntilLiveAsync(string baseUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(2) };
        await Poll.Eventually(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The service exited: " + Output);
            }

            try
            {
                return (await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK ? "live" : null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting on a busy machine (a probe that timed out is asked again).
                return null;
            }
        }, "the service to listen at " + baseUrl);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C stop it: a graceful shutdown. Returns the exit code once it has ended.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    /// <summary>SIGKILL: no graceful shutdown, whatever the process held in memory is lost.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
