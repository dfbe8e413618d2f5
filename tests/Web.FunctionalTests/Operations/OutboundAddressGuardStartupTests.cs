using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Operations;

/// <summary>
/// The outbound address guard for addresses that come from settings: the service, started as an operator starts it
/// (its own process, both Network settings off), refuses an alert webhook URL it may not call with one line naming the
/// setting and the rule, never the URL (its query may be its token); a Network setting that is not a boolean is one line too.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone, as StartupTests: each case starts the service as a process, which must exit within its time on a busy machine.
[NonParallelizable]
public sealed class OutboundAddressGuardStartupTests
{
    private const string Token = "alert-secret-42";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TestFolders.Create("guard-startup");

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_folder);

    private static IEnumerable<TestCaseData> RefusedSettings()
    {
        yield return Case("IntegrationHub__Alerts__WebhookUrl", $"https://169.254.169.254/alerts?token={Token}",
            "IntegrationHub:Alerts:WebhookUrl must not point to a cloud metadata address (allowed only with IntegrationHub:Network:AllowPrivateTargets on).");
        yield return Case("IntegrationHub__Alerts__WebhookUrl", $"https://[::ffff:10.1.2.3]/alerts?token={Token}",
            "IntegrationHub:Alerts:WebhookUrl must not point to a private address (allowed only with IntegrationHub:Network:AllowPrivateTargets on).");
        yield return Case("IntegrationHub__Alerts__WebhookUrl", $"http://alerts.example.com/alerts?token={Token}",
            "IntegrationHub:Alerts:WebhookUrl must use https (plain http only with IntegrationHub:Network:AllowHttp on).");
        yield return Case("IntegrationHub__Network__AllowPrivateTargets", "sometimes", "IntegrationHub:Network:AllowPrivateTargets must be true or false.");

        static TestCaseData Case(string variable, string value, string line) =>
            new TestCaseData(variable, value, line).SetName($"{variable}={value.Replace(".", "\u2024")} stops the start with one line");
    }

    [TestCaseSource(nameof(RefusedSettings))]
    public async Task A_setting_the_guard_refuses_stops_the_service_with_one_line(string variable, string value, string line)
    {
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["IntegrationHub__Network__AllowHttp"] = "false",
            ["IntegrationHub__Network__AllowPrivateTargets"] = "false",
            ["IntegrationHub__Alerts__WebhookSecret"] = "whsec_" + Convert.ToBase64String(new byte[32]),
            [variable] = value,
        };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}");

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        service.OutputLines.Should().Equal("IntegrationHub cannot start: " + line);
        service.Output.Should().NotContain(Token);
    }
}
