using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Support;

/// <summary>The seeded GoHighLevel template, and configs made for it the way the hub makes them (with a see-through cipher).</summary>
public static class GoHighLevelIntegrations
{
    public static readonly string Schema = DefaultTemplates.All.Single(t => t.Name == DefaultTemplates.GoHighLevel).Details.ConfigSchema;

    public static IntegrationTemplate Template(DateTime now)
    {
        var seeded = DefaultTemplates.All.Single(t => t.Name == DefaultTemplates.GoHighLevel);
        return IntegrationTemplate.Create(seeded.Name, seeded.Details, null, now, seeded.Kind);
    }

    /// <summary>A transparent stand-in for the cipher ("enc:v1:test:" and the value in base64): these tests are about rules, not cryptography.</summary>
    public static ISecretProtector SeeThroughProtector()
    {
        var protector = Substitute.For<ISecretProtector>();
        protector.Protect(Arg.Any<string>(), Arg.Any<SecretContext>())
            .Returns(c => "enc:v1:test:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(c.ArgAt<string>(0))));
        protector.Unprotect(Arg.Any<string>(), Arg.Any<SecretContext>())
            .Returns(c => Encoding.UTF8.GetString(Convert.FromBase64String(c.ArgAt<string>(0)["enc:v1:test:".Length..])));
        return protector;
    }

    public static IntegrationConfigEditor Editor() => new(SeeThroughProtector(), StrictTargets);

    /// <summary>The outbound address guard as in production: https to public addresses only.</summary>
    public static readonly IntegrationHub.Application.Common.Security.OutboundTargets StrictTargets = new(allowHttp: false, allowPrivateTargets: false);

    public static JsonElement Element(string text) => JsonDocument.Parse(text).RootElement;

    /// <summary>An integration of the template at a location (with a default calendar if given), its config stored as CreateIntegration stores it.</summary>
    public static Integration Connected(int subAccountId, int templateId, string locationId, DateTime now, string? calendarId = null)
    {
        var scope = Guid.NewGuid().ToString("N");
        var values = new JsonObject { ["apiKey"] = "tok", ["locationId"] = locationId };
        if (calendarId is not null)
        {
            values["calendarId"] = calendarId;
        }

        var config = Editor().Apply(Schema, null, JsonSerializer.SerializeToElement(values), subAccountId, scope);
        return Integration.Create(subAccountId, templateId, scope, "GoHighLevel " + locationId, null, config.StoredJson, config.ExternalAccountId,
            null, now);
    }
}
