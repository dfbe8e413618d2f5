using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Webhooks;
using IntegrationHub.Web.FunctionalTests.Support;
using IntegrationHub.Web.Infrastructure;

namespace IntegrationHub.Web.FunctionalTests.Hosting;

/// <summary>
/// The production files shipped in deploy/ (README, "Production"), tested as shipped: the proxies forward to the port
/// the systemd unit listens on and let through every body the hub accepts; nginx, Caddy and systemd accept their files
/// (Debian's own tools); and the unit's settings with the example environment file start the service in Production,
/// handing out the public https webhook URL without a warning.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)] // about the shipped files, not the database: once per CI run is enough
// Alone: it starts the service as its own process, which then has 30 s to listen (or to exit). Several such starts at once
// beside the parallel fixtures' apps missed that on a loaded machine (nine timed out in one run, load average 25 to 35).
[NonParallelizable]
public sealed partial class DeployConfigTests
{
    public const string RequiredVariable = "INTEGRATIONHUB_TEST_REQUIRE_DEPLOY_TOOLS";

    private static readonly string Deploy = Path.Combine(AppContext.BaseDirectory, "deploy");
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TestFolders.Create("deploy");

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_folder);

    private static string Shipped(string path) => File.ReadAllText(Path.Combine(Deploy, path));

    private static IEnumerable<string> UnitEnvironment() =>
        Regex.Matches(Shipped("systemd/integrationhub.service"), @"^Environment=(?<setting>\S+)$", RegexOptions.Multiline)
            .Select(m => m.Groups["setting"].Value);

    private static int UnitPort() =>
        new Uri(UnitEnvironment().Single(s => s.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal)).Split('=', 2)[1]).Port;

    [Test]
    public void The_proxies_forward_to_the_port_the_unit_listens_on_and_let_through_every_body_the_hub_accepts()
    {
        var largestAccepted = Math.Max(new WebhookOptions().MaxBodyBytes, new ApiOptions().MaxBodyBytes);
        UnitPort().Should().Be(new Uri(ListenAddresses.Default).Port, "the unit keeps the service's default port");
        UnitEnvironment().Should().Contain("ASPNETCORE_URLS=http://127.0.0.1:5080", "only the local proxy may reach it");

        var nginx = Shipped("nginx/integrationhub.conf");
        nginx.Should().Contain($"server 127.0.0.1:{UnitPort()};");
        var nginxLimit = long.Parse(NginxBodyLimit().Match(nginx).Groups["mib"].Value) * 1024 * 1024;
        nginx.Should().Contain("X-Forwarded-Proto $scheme").And.Contain("X-Forwarded-For").And.Contain("Host              $host")
            .And.Contain("Upgrade           $http_upgrade", "the console's WebSocket");

        var caddy = Shipped("caddy/Caddyfile");
        caddy.Should().Contain($"reverse_proxy 127.0.0.1:{UnitPort()}");
        var caddyLimit = long.Parse(CaddyBodyLimit().Match(caddy).Groups["mib"].Value) * 1024 * 1024;

        foreach (var limit in new[] { nginxLimit, caddyLimit })
        {
            limit.Should().BeGreaterThan(largestAccepted, "a body the hub accepts passes, and one just over gets the hub's 413 problem")
                .And.BeLessThanOrEqualTo(4 * largestAccepted, "the proxy still stops what no setting would accept");
        }
    }

    [Test]
    public async Task Nginx_accepts_the_shipped_site()
    {
        var nginx = Tool("/usr/sbin/nginx", "nginx");
        // The shipped site, included as a distribution's nginx.conf does, with a throwaway certificate in place of certbot's.
        var certificate = Path.Combine(_folder, "cert.pem");
        var key = Path.Combine(_folder, "key.pem");
        using (var rsa = RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=hub.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(certificate, self.ExportCertificatePem());
            await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());
        }

        var site = Shipped("nginx/integrationhub.conf")
            .Replace("/etc/letsencrypt/live/hub.example.com/fullchain.pem", certificate, StringComparison.Ordinal)
            .Replace("/etc/letsencrypt/live/hub.example.com/privkey.pem", key, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_folder, "site.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(_folder, "nginx.conf"),
            $"pid {_folder}/nginx.pid;\nerror_log {_folder}/error.log;\nevents {{}}\nhttp {{\n    include {_folder}/site.conf;\n}}\n");

        var (exit, output) = await RunAsync(nginx, "-t", "-c", Path.Combine(_folder, "nginx.conf"), "-p", _folder, "-e", Path.Combine(_folder, "error.log"));

        exit.Should().Be(0, output);
        output.Should().Contain("test is successful").And.NotContain("[warn]");
    }

    [Test]
    public async Task Caddy_accepts_the_shipped_caddyfile()
    {
        var caddy = Tool("/usr/bin/caddy", "caddy");

        var (exit, output) = await RunAsync(caddy, ["validate", "--config", Path.Combine(Deploy, "caddy", "Caddyfile"), "--adapter", "caddyfile"],
            new Dictionary<string, string> { ["HOME"] = _folder, ["XDG_DATA_HOME"] = _folder, ["XDG_CONFIG_HOME"] = _folder });

        exit.Should().Be(0, output);
        output.Should().Contain("Valid configuration").And.NotContain("\"level\":\"warn\"");
    }

    [Test]
    public async Task Systemd_accepts_the_shipped_unit()
    {
        var analyze = Tool("/usr/bin/systemd-analyze", "systemd");
        var unit = Path.Combine(_folder, "integrationhub.service");
        var shipped = Shipped("systemd/integrationhub.service");
        if (!File.Exists("/usr/bin/dotnet"))
        {
            // verify checks that ExecStart's program exists: where this machine has dotnet.
            shipped = shipped.Replace("/usr/bin/dotnet", Environment.ProcessPath ?? "dotnet", StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(unit, shipped);

        var (exit, output) = await RunAsync(analyze, "verify", "--man=no", unit);

        exit.Should().Be(0, output);
        output.Should().BeEmpty("an unknown or misspelt setting is only a warning for systemd, so any output is a finding");
    }

    [Test]
    public async Task The_units_settings_and_the_example_environment_file_start_the_service_in_production()
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var environment = UnitEnvironment().Concat(ExampleEnvironmentFile()).Select(s => s.Split('=', 2))
            .ToDictionary(s => s[0], s => (string?)s[1]
                .Replace("<openssl rand -base64 32>", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), StringComparison.Ordinal)
                .Replace("<openssl rand -hex 24>", token, StringComparison.Ordinal));
        environment.Values.Should().NotContain(v => v!.Contains('<'), "every placeholder of the example is one the README explains");
        environment["ASPNETCORE_ENVIRONMENT"].Should().Be("Production");
        // This machine's stand-ins for /var/lib/integrationhub and port 5080.
        var port = ServiceProcess.FreePort();
        environment["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data");
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";

        await using var service = ServiceProcess.Start(environment, _folder);
        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await admin.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, service.Output);

        var subAccount = await (await admin.PostJson("/api/admin/sub-accounts", new { name = "Production" })).Json(HttpStatusCode.Created);
        var template = (await admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!;
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = template.Id(), name = "GHL",
            config = new { apiKey = "pit-production", locationId = FakeGoHighLevel.NewLocationId() },
        })).Json(HttpStatusCode.Created);
        using var proxied = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook");
        proxied.Headers.Add("X-Forwarded-Proto", "https");

        var setup = await (await admin.SendAsync(proxied)).Json(HttpStatusCode.OK);

        setup.Str("webhookUrl").Should().Be("https://hub.example.com/api/webhook", "PublicBaseUrl from the environment file");
        setup["warnings"]!.AsArray().Should().BeEmpty();
        service.Output.Should().NotContain(token);
    }

    private static IEnumerable<string> ExampleEnvironmentFile() =>
        Shipped("systemd/integrationhub.env.example").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>The tool's path, or the test is skipped here (and fails in CI, which installs them).</summary>
    private static string Tool(string path, string package)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var message = $"{Path.GetFileName(path)} is not installed (apt-get install -y {package}); .ci/run installs it.";
        if (Environment.GetEnvironmentVariable(RequiredVariable) is "1" or "true")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return path;
    }

    private static Task<(int Exit, string Output)> RunAsync(string program, params string[] args) =>
        RunAsync(program, args, new Dictionary<string, string>());

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output + await errors).Trim());
    }

    [GeneratedRegex(@"^\s*client_max_body_size (?<mib>\d+)m;", RegexOptions.Multiline)]
    private static partial Regex NginxBodyLimit();

    [GeneratedRegex(@"^\s*max_size (?<mib>\d+)MiB$", RegexOptions.Multiline)]
    private static partial Regex CaddyBodyLimit();
}
