using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>
/// UpdateIntegration: secrets masked in every answer, kept when left out or echoed as the mask, replaced or removed when sent;
/// a required one cannot be removed; no plaintext secret reaches the database file or the logs.
/// </summary>
[TestFixture]
public sealed class UpdateIntegrationTests : IntegrationFixture
{
    [Test]
    public async Task Create_then_read_masked_then_update_keeps_or_replaces_the_secret()
    {
        var created = await CreateGhl(TenantA);
        created.Str("status").Should().Be("pending");
        created["isActive"]!.GetValue<bool>().Should().BeFalse();
        created.Str("templateName").Should().Be("gohighlevel");
        created["config"]!.Str("apiKey").Should().Be("********");
        created["config"]!.Str("clientSecret").Should().Be("********");
        created["config"]!.Str("locationId").Should().StartWith("loc-");
        created["config"]!.Str("baseUrl").Should().Be("https://services.leadconnectorhq.com", "schema defaults are applied");
        created["config"]!.Str("apiVersion").Should().Be("2021-07-28");
        created.ToJsonString().Should().NotContain(ApiKey).And.NotContain("enc:v1");
        var id = created.Id();

        var read = await Admin.GetJson($"/api/admin/integrations/{id}");
        read["config"]!.Str("apiKey").Should().Be("********");

        // Update without the secret (and with the mask echoed back): the stored secret stays.
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { name = "Renamed", config = new { calendarId = "cal-1" } }))
            .Json(HttpStatusCode.OK);
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = "********" } }))
            .Json(HttpStatusCode.OK);
        var kept = StoredPlainConfig(id);
        kept["apiKey"]!.GetValue<string>().Should().Be(ApiKey);
        kept["calendarId"]!.GetValue<string>().Should().Be("cal-1");

        // Update with a new secret replaces it; null removes an optional one.
        var updated = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}",
            new { config = new { apiKey = "pit-new-token-value", clientSecret = (string?)null } })).Json(HttpStatusCode.OK);
        updated.Str("name").Should().Be("Renamed");
        updated["config"]!.Str("apiKey").Should().Be("********");
        updated["config"]!["clientSecret"].Should().BeNull();
        var replaced = StoredPlainConfig(id);
        replaced["apiKey"]!.GetValue<string>().Should().Be("pit-new-token-value");
        replaced.ContainsKey("clientSecret").Should().BeFalse();
    }

    [Test]
    public async Task Removing_a_required_secret_is_a_400_and_keeps_the_stored_one()
    {
        var id = (await CreateGhl(TenantA, name: "Required secret")).Id();
        var problem = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = (string?)null } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["config/apiKey"].Should().NotBeNull();
        StoredPlainConfig(id)["apiKey"]!.GetValue<string>().Should().Be(ApiKey);
    }

    [Test]
    [Category(TestCategories.SqliteOnly)]
    public async Task No_plaintext_secret_reaches_the_database_file_or_the_logs()
    {
        const string unique = "pit-plaintext-canary-5d1e0b";
        var id = (await CreateGhl(TenantA, apiKey: unique, name: "Canary")).Id();
        await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = unique + "-2" } })).Json(HttpStatusCode.OK);
        // A bad update that mentions the secret must not echo it either.
        var problem = await (await Admin.PutAsJsonAsync($"/api/admin/integrations/{id}", new { config = new { apiKey = unique + "-3", locationId = 5 } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem.ToJsonString().Should().NotContain(unique);

        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        foreach (var file in Directory.GetFiles(App.DataDirectory, "integrationhub.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            System.Text.Encoding.UTF8.GetString(bytes).Should().NotContain(unique, $"{Path.GetFileName(file)} holds only ciphertext");
        }

        App.Logs.All.Should().NotContain(unique);
        StoredPlainConfig(id)["apiKey"]!.GetValue<string>().Should().Be(unique + "-2");
    }
}
