using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Templates;

/// <summary>CreateTemplate: a template name is taken once.</summary>
public sealed class CreateTemplateTests : DatabaseTests
{
    private static CreateTemplateCommand Command(string name) => new()
    {
        Name = name, DisplayName = "Other CRM", Category = "crm", ConfigSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement,
    };

    [Test]
    public async Task A_taken_name_is_a_conflict_and_nothing_is_added()
    {
        await AddTemplate("crm");

        var create = () => new CreateTemplateHandler(Db, Substitute.For<ICurrentUser>(), Clock).Handle(Command("crm"), CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<ConflictException>().WithMessage("An integration template named 'crm' already exists.");
        (await Saved().IntegrationTemplates.CountAsync()).Should().Be(1);
    }

    [Test]
    public async Task A_free_name_is_stored_active_by_default()
    {
        var created = await new CreateTemplateHandler(Db, Substitute.For<ICurrentUser>(), Clock).Handle(Command("other_crm"), CancellationToken.None);

        var stored = await Saved().IntegrationTemplates.SingleAsync(t => t.Id == created.Id);
        stored.Name.Should().Be("other_crm");
        stored.IsActive.Should().BeTrue();
    }
}
