using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Api;

/// <summary>
/// Validation messages name fields as people see them in the console ("Sub-account is required."), not by their C#
/// names ("'Sub Account Id' must not be empty."); the errors map stays keyed by the JSON field names.
/// </summary>
[TestFixture]
public sealed class ValidationTextTests : HubFixture
{
    private static Dictionary<string, string[]> Errors(JsonNode problem) =>
        problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());

    [Test]
    public async Task Missing_fields_are_named_by_their_console_labels_and_keyed_by_their_json_names()
    {
        var errors = Errors(await (await Admin.PostJson("/api/admin/integrations", new { config = new { } })).ProblemAsync(HttpStatusCode.BadRequest));

        errors["subAccountId"].Should().Equal("Sub-account is required.");
        errors["integrationTemplateId"].Should().Equal("Template is required.");
        errors["name"].Should().Equal("Name is required.");
        errors.Values.SelectMany(m => m).Should().NotContain(m => m.Contains('\'') || m.Contains("Sub Account Id") || m.Contains("must not be empty"));
    }

    [Test]
    public async Task Lengths_formats_and_time_zones_read_plainly_without_echoing_the_value()
    {
        var subAccount = Errors(await (await Admin.PostJson("/api/admin/sub-accounts", new { name = new string('n', 201), timezone = "Mars/Base" }))
            .ProblemAsync(HttpStatusCode.BadRequest));
        subAccount["name"].Should().Equal("Name must be at most 200 characters (it has 201).");
        subAccount["timezone"].Single().Should().StartWith("Time zone must be an IANA time zone id");

        var admin = Errors(await (await Admin.PostJson("/api/admin/admins", new { email = "not-an-address", name = "" })).ProblemAsync(HttpStatusCode.BadRequest));
        admin["email"].Should().Equal("E-mail must be an e-mail address such as name@example.com.");
        admin["name"].Should().Equal("Name is required.");
    }

    [Test]
    public async Task Config_errors_name_the_template_fields_by_their_titles()
    {
        var tenant = await App.CreateTenant("Validation texts");
        var errors = Errors(await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId,
            integrationTemplateId = GoHighLevelTemplateId,
            name = "Titles",
            config = new { apiKey = "k", baseUrl = "ftp://example.com" },
        })).ProblemAsync(HttpStatusCode.BadRequest));

        errors["config/locationId"].Should().Equal("Location ID is required.");
        errors["config/baseUrl"].Should().Contain("Base URL must be an absolute https URL.");
        errors.Values.SelectMany(m => m).Should().NotContain(m => m.StartsWith("baseUrl", StringComparison.Ordinal) || m.StartsWith("locationId", StringComparison.Ordinal));
    }
}
