using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.UnitTests.Support;
using MapsterMapper;
using Microsoft.EntityFrameworkCore;
using static IntegrationHub.Application.UnitTests.Support.GoHighLevelIntegrations;

namespace IntegrationHub.Application.UnitTests.Integrations;

/// <summary>
/// UpdateIntegration: the config sent is merged into the stored one (the mask keeps a stored secret); a location another
/// integration holds is refused before anything changes.
/// </summary>
public sealed class UpdateIntegrationTests : DatabaseTests
{
    private UpdateIntegrationHandler Handler() => new(Db, new TemplateCatalog(Db), Editor(), new Mapper(MappingConfig.Create()), Clock);

    private static string? StoredValue(string configJson, string name) =>
        JsonDocument.Parse(configJson).RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;

    [Test]
    public async Task The_mask_keeps_the_stored_secret_and_values_left_out_stay()
    {
        var subAccount = await AddSubAccount();
        var template = await Add(Template(Now));
        var integration = await Add(Connected(subAccount.Id, template.Id, "loc-1", Now));

        await Handler().Handle(new UpdateIntegrationCommand(null, null,
            Element($$"""{"apiKey":"{{IntegrationConfigEditor.Mask}}","calendarId":"cal-9"}""")) { Id = integration.Id }, CancellationToken.None);

        var stored = await Saved().Integrations.SingleAsync();
        StoredValue(stored.ConfigJson, "apiKey").Should().Be(StoredValue(integration.ConfigJson, "apiKey")).And.StartWith("enc:");
        StoredValue(stored.ConfigJson, "calendarId").Should().Be("cal-9");
        StoredValue(stored.ConfigJson, "locationId").Should().Be("loc-1");
        stored.ExternalAccountId.Should().Be("loc-1");
    }

    [Test]
    public async Task Moving_to_a_location_another_integration_holds_is_a_conflict_and_changes_nothing()
    {
        var subAccount = await AddSubAccount();
        var template = await Add(Template(Now));
        var integration = await Add(Connected(subAccount.Id, template.Id, "loc-1", Now));
        await Add(Connected(subAccount.Id, template.Id, "loc-2", Now));

        var update = () => Handler().Handle(new UpdateIntegrationCommand("Renamed", null, Element("""{"locationId":"loc-2"}""")) { Id = integration.Id },
            CancellationToken.None).AsTask();

        await update.Should().ThrowAsync<ConflictException>().WithMessage("The location 'loc-2' is already connected*");
        var stored = await Saved().Integrations.SingleAsync(i => i.Id == integration.Id);
        stored.Name.Should().Be(integration.Name);
        stored.ExternalAccountId.Should().Be("loc-1");
        stored.ConfigJson.Should().Be(integration.ConfigJson);
    }
}
