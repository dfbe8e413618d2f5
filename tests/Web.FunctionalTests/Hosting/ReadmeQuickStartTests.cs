using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Hosting;

/// <summary>
/// The README's quick start, run as a reader runs it: its bash blocks, taken from README.md itself, in order, in one bash
/// session, in an empty folder (so the service creates a fresh <c>./data</c>), each step's result checked. Two honest
/// substitutions: <c>dotnet run --project src/Web</c> becomes <c>dotnet</c> on the already built service (the same
/// program; building it again would only cost time), and port 5080 a free port (5080 may be taken on this machine).
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)] // a data folder run as a process; the database is not the point
// Alone: it starts the service as its own process, which then has 30 s to listen (or to exit). Several such starts at once
// beside the parallel fixtures' apps missed that on a loaded machine (nine timed out in one run, load average 25 to 35).
[NonParallelizable]
public sealed partial class ReadmeQuickStartTests
{
    private const string RunCommand = "dotnet run --project src/Web";
    private const string DefaultAddress = "localhost:5080";
    private const string EndOfBlock = "__end_of_readme_block__";

    private string _folder = null!;
    private Process? _bash;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _stderr = new();

    [SetUp]
    public void CreateFolder() => _folder = TestFolders.Create("readme");

    [TearDown]
    public async Task Stop()
    {
        if (_bash is { HasExited: false })
        {
            _bash.Kill(entireProcessTree: true); // the service too, if a failed step left it running
            await _bash.WaitForExitAsync();
        }

        _bash?.Dispose();
        TestFolders.Remove(_folder);
    }

    [Test]
    public void The_first_lines_are_the_commands_that_run_the_service_and_the_tests()
    {
        var first = FencedBlocks(Readme()).First();

        first.Split('\n').Select(line => line.Split('#')[0].Trim()).Should().Equal(
            RunCommand, "dotnet tool restore && dotnet cake --target=Test");
    }

    [Test]
    public async Task The_quick_start_runs_in_order_on_a_fresh_clone()
    {
        var blocks = FencedBlocks(Section(Readme(), "## Quick start")).ToList();
        blocks.Should().HaveCount(3, "the quick start is: start and wait, call the API, stop");
        blocks[0].Should().Contain(RunCommand).And.Contain(DefaultAddress + "/health/ready");
        var port = ServiceProcess.FreePort();
        var service = $"dotnet \"{typeof(Program).Assembly.Location}\"";
        var runnable = blocks.Select(b => b.Replace(RunCommand, service, StringComparison.Ordinal)
            .Replace(DefaultAddress, $"localhost:{port}", StringComparison.Ordinal)).ToList();
        StartBash(port);

        var started = await Run(runnable[0]);
        started.Last().Should().Be("Healthy", "the service is ready before any call is made");
        File.Exists(Path.Combine(_folder, "data", "integrationhub.db")).Should().BeTrue("the data folder is ./data");

        var answers = (await Run(runnable[1])).Select(line => JsonNode.Parse(line)!).ToList();
        answers.Should().HaveCount(4);
        answers[0].AsArray().Select(t => t!.Str("name")).Should().Contain("gohighlevel");
        answers[1].Str("name").Should().Be("Acme");
        answers[1].Id().Should().Be(1, "the README names sub-account 1");
        answers[2].Str("email").Should().Be("ann@acme.test");
        answers[2]["subAccountId"]!.GetValue<int>().Should().Be(1);
        answers[2].Str("token").Should().NotBeNullOrEmpty();
        answers[3].Str("name").Should().Be("pipedrive");

        await Run(runnable[2] + "\nwait $HUB 2>/dev/null");
        var log = await File.ReadAllTextAsync(Path.Combine(_folder, "integrationhub.log"));
        log.Should().Contain("Application is shutting down");
        using var probe = new TcpClient();
        var connect = () => probe.Connect("localhost", port);
        connect.Should().Throw<SocketException>("the service has stopped");

        var token = (await Run("echo $TOKEN")).Single();
        token.Should().HaveLength(48);
        log.Should().NotContain(token, "the chosen token is never logged");
    }

    private void StartBash(int port)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        // A reader's shell: no settings of this test run's own, the launch profile's environment (dotnet run applies it).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IntegrationHub", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";
        _bash = Process.Start(start)!;
        _bash.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Writer.TryWrite(e.Data); } };
        _bash.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        _bash.BeginOutputReadLine();
        _bash.BeginErrorReadLine();
    }

    /// <summary>Runs one block in the session (its variables and background job stay) and returns what it printed.</summary>
    private async Task<List<string>> Run(string block)
    {
        await _bash!.StandardInput.WriteLineAsync(block + "\necho " + EndOfBlock);
        await _bash.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var lines = new List<string>();
        try
        {
            while (await _stdout.Reader.ReadAsync(timeout.Token) is var line && line != EndOfBlock)
            {
                lines.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The block did not finish within 2 minutes:\n{block}\nIt printed:\n{string.Join('\n', lines)}\n{Errors()}");
        }

        TestContext.Out.WriteLine($"$ {block}\n{string.Join('\n', lines)}");
        return lines.Where(l => l.Length > 0).ToList();
    }

    private string Errors()
    {
        lock (_stderr)
        {
            return "stderr: " + _stderr;
        }
    }

    private static string Readme()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IntegrationHub.sln")))
        {
            root = root.Parent;
        }

        root.Should().NotBeNull("the tests run inside the repository");
        return File.ReadAllText(Path.Combine(root!.FullName, "README.md")).ReplaceLineEndings("\n");
    }

    /// <summary>From the heading to the next heading of the same level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "README.md has a \"{0}\" section", heading);
        var end = markdown.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    private static IEnumerable<string> FencedBlocks(string markdown) =>
        BashBlock().Matches(markdown).Select(m => m.Groups["code"].Value.TrimEnd('\n'));

    [GeneratedRegex(@"^```bash\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex BashBlock();
}
