using System.Diagnostics;
using System.Net;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Security;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests;

/// <summary>Add a key, make it active, re-encrypt, drop the old key: no secret is lost on the way.</summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
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

    private async Task<(string DataDirectory, int IntegrationId)> CreateIntegrationUnderKey1()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ih-tests", Guid.NewGuid().ToString("N"));
        _dataDirectories.Add(dataDirectory);
        var app = new HubApp(Keys("k1", ("k1", Key1)), dataDirectory);
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

        await using (var withoutOldKey = new HubApp(Keys("k2", ("k2", Key2)), dataDirectory))
        {
            var act = () => DecryptApiKey(withoutOldKey, id);
            act.Should().Throw<SecretDecryptionException>("the old key is still needed before re-encryption");
        }

        await using (var bothKeys = new HubApp(Keys("k2", ("k1", Key1), ("k2", Key2)), dataDirectory))
        {
            var result = await (await bothKeys.Admin().PostAsync("/api/admin/encryption/reencrypt", null)).Json(HttpStatusCode.OK);
            result["integrationsReencrypted"]!.GetValue<int>().Should().Be(1);
            var again = await (await bothKeys.Admin().PostAsync("/api/admin/encryption/reencrypt", null)).Json(HttpStatusCode.OK);
            again["integrationsReencrypted"]!.GetValue<int>().Should().Be(0, "running it again finds nothing left to move");
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
        (await output).Should().Contain("Re-encrypted the secrets of 1 of 1 integrations").And.NotContain(Secret);

        await using var newKeyOnly = new HubApp(Keys("k2", ("k2", Key2)), dataDirectory);
        DecryptApiKey(newKeyOnly, id).Should().Be(Secret);
    }
}
