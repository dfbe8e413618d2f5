using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Application.UnitTests.Support;
using MapsterMapper;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using static IntegrationHub.Application.UnitTests.Support.GoHighLevelIntegrations;

namespace IntegrationHub.Application.UnitTests.Integrations;

/// <summary>CreateIntegration: only from an active template; a location belongs to one integration (webhooks are routed by it).</summary>
public sealed class CreateIntegrationTests : DatabaseTests
{
    private CreateIntegrationHandler Handler() => new(Db, new TenantDirectory(Db), new TemplateCatalog(Db), Substitute.For<ICurrentUser>(),
        new IntegrationCreation(Db, new TemplateCatalog(Db), Editor(), Clock), new Mapper(MappingConfig.Create()));

    private static CreateIntegrationCommand Command(int subAccountId, int templateId, string locationId) =>
        new(subAccountId, templateId, "Second", null, Element($$"""{"apiKey":"tok-2","locationId":"{{locationId}}"}"""));

    [Test]
    public async Task A_location_another_integration_holds_is_a_conflict_and_nothing_is_added()
    {
        var subAccount = await AddSubAccount();
        var template = await Add(Template(Now));
        var holder = await Add(Connected(subAccount.Id, template.Id, "loc-1", Now));

        var create = () => Handler().Handle(Command(subAccount.Id, template.Id, "loc-1"), CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<ConflictException>()
            .WithMessage($"The location 'loc-1' is already connected by integration {holder.Id}:*");
        (await Saved().Integrations.CountAsync()).Should().Be(1);
    }

    [Test]
    public async Task A_free_location_is_stored_as_the_integration_s_external_account()
    {
        var subAccount = await AddSubAccount();
        var template = await Add(Template(Now));
        await Add(Connected(subAccount.Id, template.Id, "loc-1", Now));

        var created = await Handler().Handle(Command(subAccount.Id, template.Id, "loc-2"), CancellationToken.None);

        (await Saved().Integrations.SingleAsync(i => i.Id == created.Id)).ExternalAccountId.Should().Be("loc-2");
    }

    [Test]
    public async Task An_inactive_template_is_a_conflict()
    {
        var subAccount = await AddSubAccount();
        var template = await AddTemplate(active: false);

        var create = () => Handler().Handle(Command(subAccount.Id, template.Id, "loc-1"), CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<ConflictException>().WithMessage("The template 'crm' is not active*");
        (await Saved().Integrations.AnyAsync()).Should().BeFalse();
    }
}
