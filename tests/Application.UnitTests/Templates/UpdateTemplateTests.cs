using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace IntegrationHub.Application.UnitTests.Templates;

/// <summary>
/// UpdateTemplate: fields left out keep their value; a changed config schema goes through <see cref="ITemplateSchemaChangeGuard"/>
/// first, and its refusal changes nothing.
/// </summary>
public sealed class UpdateTemplateTests : DatabaseTests
{
    private const string NewSchema = """{"type":"object","properties":{"apiKey":{"type":"string"}}}""";
    private ITemplateSchemaChangeGuard _guard = null!;

    private UpdateTemplateHandler Handler() => new(Db, _guard, Substitute.For<IIntegrationUsage>(), Clock);

    [SetUp]
    public void CreateSubstitutes()
    {
        _guard = Substitute.For<ITemplateSchemaChangeGuard>();
    }

    [Test]
    public async Task A_new_schema_is_checked_by_the_guard_and_fields_left_out_keep_their_value()
    {
        var template = await AddTemplate();

        await Handler().Handle(new UpdateTemplateCommand { Id = template.Id, ConfigSchema = JsonDocument.Parse(NewSchema).RootElement },
            CancellationToken.None);

        await _guard.Received(1).ApplyAsync(template.Id, NewSchema, Arg.Any<CancellationToken>());
        var stored = await Saved().IntegrationTemplates.SingleAsync();
        stored.ConfigSchema.Should().Be(NewSchema);
        stored.DisplayName.Should().Be(template.DisplayName);
        stored.Category.Should().Be(template.Category);
    }

    [Test]
    public async Task An_update_that_keeps_the_schema_does_not_ask_the_guard()
    {
        var template = await AddTemplate();

        await Handler().Handle(new UpdateTemplateCommand { Id = template.Id, DisplayName = "Renamed" }, CancellationToken.None);

        await _guard.DidNotReceiveWithAnyArgs().ApplyAsync(default, default!, default);
        (await Saved().IntegrationTemplates.SingleAsync()).DisplayName.Should().Be("Renamed");
    }

    [Test]
    public async Task A_schema_change_the_guard_refuses_changes_nothing()
    {
        var template = await AddTemplate();
        _guard.ApplyAsync(template.Id, NewSchema, Arg.Any<CancellationToken>())
            .ThrowsAsync(new ConflictException("integrations would not fit"));

        var update = () => Handler().Handle(new UpdateTemplateCommand
        {
            Id = template.Id, DisplayName = "Renamed", ConfigSchema = JsonDocument.Parse(NewSchema).RootElement,
        }, CancellationToken.None).AsTask();

        await update.Should().ThrowAsync<ConflictException>();
        var stored = await Saved().IntegrationTemplates.SingleAsync();
        stored.ConfigSchema.Should().Be(template.ConfigSchema);
        stored.DisplayName.Should().Be(template.DisplayName);
    }
}
