using System.Diagnostics;
using System.Net;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Security;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Secrets;

/// <summary>Add a key, make it active, re-encrypt, drop the old key: no secret is lost on the way.</summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: it starts the service as its own process, which then has 30 s to listen (or to exit). Several such starts at once
// beside the parallel fixtures' apps missed that on a loaded machine (nine timed out in one run, load average 25 to 35).
[NonParallelizable]
public sealed class KeyRotationTests
{
    private const string Secret = "pit-rotation-secret-value";
    private static readonly string Key1 = EncryptionKeyRing.NewKey();
    private static readonly string Key2 = EncryptionKeyRing.NewKey();

    private static Dictionary<string, string?> Keys(string active, params (string Id, string Key)[] keys)
    {
        var settings = new Dictionary<string, string?> { ["IntegrationHub:Encryption:ActiveKeyId"] = active };
        foreach (var (id, key) in keys)
        {
            settings[$"IntegrationHub:Encryption:Keys:{id}"] = key;
        }

        return settings;
    }

    private readonly List<string> _dataDirectories = [];

    [TearDown]
    public void RemoveDataDirectories()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in _dataDirectories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string NewDataDirectory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", Guid.NewGuid().ToString("N"));
        _dataDirectories.Add(dataDirectory);
        return dataDirectory;
    }

    private Task<(string DataDirectory, int IntegrationId)> CreateIntegrationUnderKey1() => CreateIntegration(Keys("k1", ("k1", Key1)));

    /// <summary>An integration with a secret, written by an app with these key settings (none: a default Development install).</summary>
    private async Task<(string DataDirectory, int IntegrationId)> CreateIntegration(Dictionary<string, string?>? keySettings)
    {
        var dataDirectory = NewDataDirectory();
        var app = new HubApp(keySettings, dataDirectory);
        var tenant = await app.CreateTenant("Rotation");
        var templateId = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray()
            .Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var created = await (await app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL",
            config = new { apiKey = Secret, locationId = "loc-rot" },
        })).Json(HttpStatusCode.Created);
        await app.DisposeAsync();
        return (dataDirectory, created.Id());
    }

    /// <summary>The service as a process on this data folder, in Development, with these settings and arguments.</summary>
    private static ServiceProcess Run(string dataDirectory, IEnumerable<(string Variable, string Value)> settings, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["IntegrationHub__DataDirectory"] = dataDirectory };
        foreach (var (variable, value) in settings)
        {
            environment[variable] = value;
        }

        var workingDirectory = Path.GetDirectoryName(dataDirectory)!;
        return args.Length > 0
            ? ServiceProcess.Start(environment, workingDirectory, args)
            : ServiceProcess.Start(environment, workingDirectory, "--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}");
    }

    private static void ShouldBeOneLineWithoutSecrets(ServiceProcess service, string prefix)
    {
        service.OutputLines.Should().ContainSingle("one line says what is wrong: {0}", service.Output);
        service.OutputLines.Single().Should().StartWith(prefix);
        service.Output.Should().NotMatchRegex(@"\bat [\w.`<>]+\(", "no stack trace")
            .And.NotContain(Key1).And.NotContain(Key2).And.NotContain(Secret);
    }

    private static string DecryptApiKey(HubApp app, int integrationId)
    {
        using var scope = app.Services.CreateScope();
        var integration = scope.ServiceProvider.GetRequiredService<AppDbContext>().Integrations.AsNoTracking().Single(i => i.Id == integrationId);
        integration.ConfigJson.Should().NotContain(Secret);
        return scope.ServiceProvider.GetRequiredService<IntegrationConfigEditor>()
            .Decrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope)["apiKey"]!.GetValue<string>();
    }

    [Test]
    public async Task Admin_route_reencrypts_so_the_old_key_can_be_removed()
    {
        var (dataDirectory, id) = await CreateIntegrationUnderKey1();

        await using (var bothKeys = new HubApp(Keys("k2", ("k1", Key1), ("k2", Key2)), dataDirectory))
        {
            var result = await (await bothKeys.Admin().PostAsync("/api/admin/encryption/reencrypt", null)).Json(HttpStatusCode.OK);
            result.ToJsonString().Should().Be("""{"reencrypted":1,"remaining":0}""", "the contract's answer: secrets moved, secrets left");
            var again = await (await bothKeys.Admin().PostAsync("/api/admin/encryption/reencrypt", null)).Json(HttpStatusCode.OK);
            again.ToJsonString().Should().Be("""{"reencrypted":0,"remaining":0}""", "running it again finds nothing left to move");
        }

        await using var newKeyOnly = new HubApp(Keys("k2", ("k2", Key2)), dataDirectory);
        DecryptApiKey(newKeyOnly, id).Should().Be(Secret);
        (await newKeyOnly.Admin().GetJson($"/api/admin/integrations/{id}"))["config"]!.Str("apiKey").Should().Be("********");
    }

    [Test]
    public async Task Cli_command_keys_reencrypt_moves_every_secret_to_the_active_key()
    {
        var (dataDirectory, id) = await CreateIntegrationUnderKey1();
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web, "keys", "reencrypt"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["IntegrationHub__DataDirectory"] = dataDirectory;
        start.Environment["IntegrationHub__Encryption__ActiveKeyId"] = "k2";
        start.Environment["IntegrationHub__Encryption__Keys__k1"] = Key1;
        start.Environment["IntegrationHub__Encryption__Keys__k2"] = Key2;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await process.WaitForExitAsync(timeout.Token); // throws, failing the test, if it does not end
        }

        process.HasExited.Should().BeTrue();
        process.ExitCode.Should().Be(0, await errors);
        (await output).Should().Contain("Re-encrypted 1 secrets under the active key 'k2'; 0 remaining").And.NotContain(Secret);

        await using var newKeyOnly = new HubApp(Keys("k2", ("k2", Key2)), dataDirectory);
        DecryptApiKey(newKeyOnly, id).Should().Be(Secret);
        var audit = (await newKeyOnly.Admin().GetJson($"/api/admin/audit?action=ReencryptSecrets&entityType=Integration&entityId={id}"))["items"]!.AsArray();
        audit.Should().ContainSingle("the operator's command is audited, as the hub itself");
        audit[0]!.Str("actorType").Should().Be("system");
        audit[0]!.ToJsonString().Should().NotContain(Secret);
    }

    [Test]
    public async Task The_readme_rotation_recipe_works_from_a_default_development_install()
    {
        // A default install: no key configured, so Development generated dev-1 into the data folder.
        var (dataDirectory, id) = await CreateIntegration(keySettings: null);
        var developmentKeyFile = Path.Combine(dataDirectory, EncryptionKeyRing.DevelopmentKeyFile);
        File.ReadAllText(developmentKeyFile).Should().Contain("dev-1");

        // The README: add k2, make it active, re-encrypt (the generated dev-1 stays in the ring meanwhile).
        await using (var reencrypt = Run(dataDirectory, [("IntegrationHub__Encryption__Keys__k2", Key2), ("IntegrationHub__Encryption__ActiveKeyId", "k2")],
            "keys", "reencrypt"))
        {
            (await reencrypt.WaitForExitAsync()).Should().Be(0, reencrypt.Output);
            reencrypt.Output.Should().Contain("Re-encrypted 1 secrets under the active key 'k2'; 0 remaining").And.NotContain(Secret);
        }

        // Then the generated key is no longer needed: the README says to delete its file.
        File.Delete(developmentKeyFile);
        await using var newKeyOnly = new HubApp(Keys("k2", ("k2", Key2)), dataDirectory);
        DecryptApiKey(newKeyOnly, id).Should().Be(Secret);
        File.Exists(developmentKeyFile).Should().BeFalse("with a configured key, no Development key is generated again");
    }

    [Test]
    public async Task A_stored_secret_whose_key_is_not_configured_stops_the_start_with_one_line_naming_the_key_and_the_integration()
    {
        var (dataDirectory, id) = await CreateIntegrationUnderKey1();

        await using var service = Run(dataDirectory, [("IntegrationHub__Encryption__Keys__k2", Key2), ("IntegrationHub__Encryption__ActiveKeyId", "k2")]);

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        ShouldBeOneLineWithoutSecrets(service, "IntegrationHub cannot start:");
        service.Output.Should().Contain("key 'k1', which is not configured").And.Contain($"integration {id} ")
            .And.Contain("IntegrationHub__Encryption__Keys__k1");
    }

    [Test]
    public async Task Keys_reencrypt_without_the_old_key_says_which_key_to_add_in_one_line_and_changes_nothing()
    {
        var (dataDirectory, id) = await CreateIntegrationUnderKey1();

        await using (var reencrypt = Run(dataDirectory, [("IntegrationHub__Encryption__Keys__k2", Key2), ("IntegrationHub__Encryption__ActiveKeyId", "k2")],
            "keys", "reencrypt"))
        {
            (await reencrypt.WaitForExitAsync()).Should().Be(1, reencrypt.Output);
            ShouldBeOneLineWithoutSecrets(reencrypt, "IntegrationHub cannot re-encrypt:");
            reencrypt.Output.Should().Contain("'k1'").And.Contain("IntegrationHub__Encryption__Keys__k1").And.Contain($"integration {id} ");
        }

        await using var oldKey = new HubApp(Keys("k1", ("k1", Key1)), dataDirectory);
        DecryptApiKey(oldKey, id).Should().Be(Secret);
    }

    [Test]
    public async Task A_second_instance_with_its_own_generated_key_does_not_start()
    {
        // The first instance, a default install, wrote its secrets with its own generated dev-1.
        var (first, id) = await CreateIntegration(keySettings: null);

        // A second one on the same database but another data folder generates a different dev-1.
        var second = NewDataDirectory();
        await using var service = Run(second, [("ConnectionStrings__IntegrationHub", $"Data Source={Path.Combine(first, "integrationhub.db")}")]);

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        ShouldBeOneLineWithoutSecrets(service, "IntegrationHub cannot start:");
        service.Output.Should().Contain("do not decrypt with the configured key 'dev-1'").And.Contain($"integration {id} ");
    }

    [Test]
    public async Task In_development_an_active_key_id_that_names_no_key_stops_the_start()
    {
        var dataDirectory = NewDataDirectory();

        await using var service = Run(dataDirectory, [("IntegrationHub__Encryption__ActiveKeyId", "k9")]);

        (await service.WaitForExitAsync()).Should().Be(1, service.Output);
        ShouldBeOneLineWithoutSecrets(service, "IntegrationHub cannot start:");
        service.Output.Should().Contain("IntegrationHub:Encryption:ActiveKeyId").And.Contain("'dev-1'");
    }
}
