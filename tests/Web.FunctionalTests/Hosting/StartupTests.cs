using System.Net;
using System.Net.Sockets;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Hosting;

/// <summary>
/// The service started as an operator starts it (its own process): bad settings stop it with one line and exit
/// code 1 before anything is written; good ones (addresses, the data folder) are honoured.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: it starts the service as its own process, which then has 30 s to listen (or to exit). Several such starts at once
// beside the parallel fixtures' apps missed that on a loaded machine (nine timed out in one run, load average 25 to 35).
[NonParallelizable]
public sealed class StartupTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TestFolders.Create("startup");

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_folder);

    private static IEnumerable<TestCaseData> BadSettings()
    {
        yield return Case("IntegrationHub__Api__MaxBodyBytes", "-5", "IntegrationHub:Api:MaxBodyBytes");
        yield return Case("IntegrationHub__Jobs__WorkerCount", "0", "IntegrationHub:Jobs:WorkerCount");
        yield return Case("IntegrationHub__Jobs__WorkerCount", "many", "IntegrationHub:Jobs:WorkerCount");
        yield return Case("IntegrationHub__Database__Provider", "Oracle", "IntegrationHub:Database:Provider");
        yield return Case("IntegrationHub__Database__Provider", "PostgreSql", "ConnectionStrings:IntegrationHub");
        yield return Case("IntegrationHub__Webhooks__ProcessingLease", "00:00:01", "IntegrationHub:Webhooks:ProcessingLease");
        yield return Case("IntegrationHub__Webhooks__GhlEd25519PublicKey", "not-a-key", "IntegrationHub:Webhooks:GhlEd25519PublicKey");
        yield return Case("IntegrationHub__Webhooks__GhlRsaPublicKey", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            "IntegrationHub:Webhooks:GhlRsaPublicKey");
        yield return Case("IntegrationHub__Webhooks__PublicBaseUrl", "notaurl", "IntegrationHub:Webhooks:PublicBaseUrl");
        yield return Case("IntegrationHub__Webhooks__TimestampToleranceSeconds", "0", "IntegrationHub:Webhooks:TimestampToleranceSeconds");
        yield return Case("IntegrationHub__GoHighLevel__AttemptTimeout", "-00:00:01", "AttemptTimeout");
        yield return Case("IntegrationHub__Auth__BootstrapAdminToken", "short", "IntegrationHub:Auth:BootstrapAdminToken");
        yield return Case("IntegrationHub__Encryption__Keys__k1", "secret-not-base64", "IntegrationHub:Encryption:Keys:k1");
        yield return Case("IntegrationHub__DataDirectory", "/proc/nope", "IntegrationHub:DataDirectory");
        yield return Case("ASPNETCORE_ENVIRONMENT", "Production", "IntegrationHub:Encryption:Keys");
        yield return Case("IntegrationHub__HealthChecks__Cron", "every minute", "IntegrationHub:HealthChecks:Cron");
        yield return Case("IntegrationHub__HealthChecks__MaxConcurrency", "-1", "IntegrationHub:HealthChecks:MaxConcurrency");
        yield return Case("IntegrationHub__Retention__Days", "0", "IntegrationHub:Retention:Days");
        yield return Case("IntegrationHub__Overview__SampleInterval", "00:00:00", "IntegrationHub:Overview:SampleInterval");
        yield return Case("IntegrationHub__Overview__SampleInterval", "soon", "IntegrationHub:Overview:SampleInterval");
        yield return Case("IntegrationHub__Alerts__WebhookUrl", "https://alerts.example.com/hook", "IntegrationHub:Alerts:WebhookSecret");
        yield return Case("IntegrationHub__Logging__Format", "xml", "IntegrationHub:Logging:Format");
        yield return Case("IntegrationHub__Observability__Enabled", "maybe", "IntegrationHub:Observability:Enabled");
        yield return Case("IntegrationHub__GoHighLevel__OAuth__ClientId", "hub-app", "IntegrationHub:GoHighLevel:OAuth:ClientSecret");

        static TestCaseData Case(string variable, string value, string named) =>
            new TestCaseData(variable, value, named).SetName($"A bad {variable} stops the service naming {named}");
    }

    [TestCaseSource(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_service_with_one_line_naming_it_before_anything_is_written(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string?> { ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"), [variable] = value };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}");

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        service.OutputLines.Should().ContainSingle("one line says what is wrong: {0}", service.Output);
        var line = service.OutputLines.Single();
        line.Should().Contain(named).And.StartWith("IntegrationHub cannot start:");
        line.Should().NotMatchRegex(@"\bat [\w.`<>]+\(", "no stack trace");
        if (variable.Contains("Key", StringComparison.Ordinal) || variable.Contains("Token", StringComparison.Ordinal))
        {
            line.Should().NotContain(value, "a setting's value may be a secret");
        }

        line.Should().NotContain("ih_", "no admin token is printed by a start that fails");
        File.Exists(Path.Combine(_folder, "data", "integrationhub.db")).Should().BeFalse("nothing is written before the settings are checked");
    }

    [TestCase("http://localhost:99999", TestName = "A port out of range in ASPNETCORE_URLS stops the service with one line")]
    [TestCase("localhost:5081", TestName = "An address without a scheme in ASPNETCORE_URLS stops the service with one line")]
    [TestCase("ftp://localhost:5081", TestName = "An address with another scheme in ASPNETCORE_URLS stops the service with one line")]
    public async Task A_bad_listen_address_stops_the_service_with_one_line_before_anything_is_written(string urls)
    {
        var environment = new Dictionary<string, string?> { ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"), ["ASPNETCORE_URLS"] = urls };
        await using var service = ServiceProcess.Start(environment, _folder);

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        service.OutputLines.Should().ContainSingle("one line says what is wrong: {0}", service.Output);
        service.OutputLines.Single().Should().StartWith("IntegrationHub cannot start:").And.Contain("ASPNETCORE_URLS (or --urls)");
        service.Output.Should().NotMatchRegex(@"\bat [\w.`<>]+\(", "no stack trace").And.NotContain("ih_", "no admin token is printed by a start that fails");
        File.Exists(Path.Combine(_folder, "data", "integrationhub.db")).Should().BeFalse("nothing is written before the settings are checked");
    }

    [Test]
    public async Task Under_dotnet_run_ASPNETCORE_ENVIRONMENT_wins_over_the_launch_profile()
    {
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        await using var service = ServiceProcess.StartWithDotnetRun(environment, _folder, "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}");

        // Production refuses to start without a configured key; Development would have generated one and run.
        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        service.OutputLines.Should().ContainSingle(l => l.StartsWith("IntegrationHub cannot start:", StringComparison.Ordinal), service.Output)
            .Which.Should().Contain("IntegrationHub:Encryption:Keys is required outside Development");
        File.Exists(Path.Combine(_folder, "data", "encryption-keys.json")).Should().BeFalse("Production never writes development keys");
    }

    [Test]
    public async Task Under_dotnet_run_with_no_environment_set_the_service_runs_in_Development()
    {
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?> { ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data") };
        await using var service = ServiceProcess.StartWithDotnetRun(environment, _folder, "--urls", $"http://127.0.0.1:{port}");

        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        File.Exists(Path.Combine(_folder, "data", "encryption-keys.json")).Should().BeTrue("Development generates its key with no setup");
    }

    [Test]
    public async Task A_database_that_cannot_be_opened_is_one_clear_line_without_a_stack_trace()
    {
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["ConnectionStrings__IntegrationHub"] = "Data Source=/proc/nope/integrationhub.db",
        };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}");

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        var problems = service.OutputLines.Where(l => l.StartsWith("IntegrationHub cannot start:", StringComparison.Ordinal)).ToList();
        problems.Should().ContainSingle().Which.Should().Contain("ConnectionStrings:IntegrationHub").And.Contain("unable to open");
        service.Output.Should().NotMatchRegex(@"\bat [\w.`<>]+\(", "no stack trace");
        service.Output.Should().NotContain("ih_", "no admin was created");
    }

    [Test]
    public async Task A_postgresql_server_that_cannot_be_reached_is_one_line_without_the_password()
    {
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["IntegrationHub__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__IntegrationHub"] =
                $"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Database=hub;Username=hub;Password=pg-secret-0123;Timeout=3",
        };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}");

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        service.OutputLines.Should().ContainSingle(l => l.StartsWith("IntegrationHub cannot start:", StringComparison.Ordinal), service.Output)
            .Which.Should().Contain("ConnectionStrings:IntegrationHub");
        service.Output.Should().NotMatchRegex(@"\bat [\w.`<>]+\(", "no stack trace").And.NotContain("pg-secret-0123");
    }

    [Test]
    public async Task A_blank_connection_string_means_the_default_database_file()
    {
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["ConnectionStrings__IntegrationHub"] = "",
        };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{port}");

        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        (await client.GetAsync("/api/integration-templates")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, service.Output);
        File.Exists(Path.Combine(_folder, "data", "integrationhub.db")).Should().BeTrue();
    }

    [Test]
    public async Task A_port_in_use_is_one_line_naming_the_address_and_how_to_choose_another()
    {
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var port = ((IPEndPoint)occupier.LocalEndpoint).Port;
        var environment = new Dictionary<string, string?> { ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data") };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{port}");

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        var problems = service.OutputLines.Where(l => l.StartsWith("IntegrationHub cannot start:", StringComparison.Ordinal)).ToList();
        problems.Should().ContainSingle().Which.Should().Contain($"127.0.0.1:{port}").And.Contain("--urls");
        service.Output.Should().NotContain("   at ", "no stack trace");
        service.OutputLines.Should().HaveCountLessThan(8, "a busy port is one problem, told once: {0}", service.Output);
    }

    [Test]
    public async Task ASPNETCORE_URLS_is_honoured_and_the_data_folder_is_data_under_the_working_directory_owner_only()
    {
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        await using var service = ServiceProcess.Start(environment, _folder);

        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        var data = Path.Combine(_folder, "data");
        File.Exists(Path.Combine(data, "integrationhub.db")).Should().BeTrue("the default data folder is ./data where the service was started");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(data).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.GetUnixFileMode(Path.Combine(data, "integrationhub.db")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.Combine(data, "encryption-keys.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await Poll.Eventually(() => Task.FromResult(File.Exists(Path.Combine(data, "hangfire.db-wal")) ? "written" : null), "Hangfire's storage");
            foreach (var file in Directory.GetFiles(data))
            {
                File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, Path.GetFileName(file));
            }

            File.GetUnixFileMode(Path.Combine(data, "console-keys")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                "the console's cookie keys are as private as the rest");
        }
    }

    [Test]
    public async Task The_urls_argument_is_honoured_and_a_bootstrap_token_set_too_late_is_reported()
    {
        var data = Path.Combine(_folder, "data");
        var port = ServiceProcess.FreePort();
        await using (var first = ServiceProcess.Start(new Dictionary<string, string?> { ["IntegrationHub__DataDirectory"] = data }, _folder,
            "--urls", $"http://127.0.0.1:{port}"))
        {
            await first.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
            first.Output.Should().Contain("Its token, shown only now: ih_");
        }

        // The README's order mistaken: the token is set after the first start generated an admin.
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = data,
            ["IntegrationHub__Auth__BootstrapAdminToken"] = "a-token-set-after-the-first-start-0123",
        };
        await using var second = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{port}");
        await second.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        await Poll.Eventually(() => Task.FromResult(second.Output.Contains("BootstrapAdminToken is ignored") ? "said" : null),
            "the ignored bootstrap token to be reported");
        second.Output.Should().NotContain("a-token-set-after-the-first-start-0123");
    }
}
