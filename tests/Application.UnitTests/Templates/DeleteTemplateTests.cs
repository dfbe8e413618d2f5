using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Templates;

/// <summary>DeleteTemplate: refused while integrations use the template (asked through <see cref="IIntegrationUsage"/>).</summary>
public sealed class DeleteTemplateTests : DatabaseTests
{
    private IIntegrationUsage _usage = null!;

    [SetUp]
    public void CreateSubstitutes()
    {
        _usage = Substitute.For<IIntegrationUsage>();
    }

    [Test]
    public async Task A_template_in_use_is_refused_and_kept()
    {
        var template = await AddTemplate();
        _usage.CountForTemplateAsync(template.Id, Arg.Any<CancellationToken>()).Returns(3);

        var delete = () => new DeleteTemplateHandler(Db, _usage).Handle(new DeleteTemplateCommand(template.Id), CancellationToken.None).AsTask();

        await delete.Should().ThrowAsync<ConflictException>().WithMessage("The template is used by 3 integration(s); delete them first.");
        (await Saved().IntegrationTemplates.AnyAsync(t => t.Id == template.Id)).Should().BeTrue();
    }

    [Test]
    public async Task An_unused_template_is_deleted()
    {
        var template = await AddTemplate();
        _usage.CountForTemplateAsync(template.Id, Arg.Any<CancellationToken>()).Returns(0);

        await new DeleteTemplateHandler(Db, _usage).Handle(new DeleteTemplateCommand(template.Id), CancellationToken.None);

        (await Saved().IntegrationTemplates.AnyAsync()).Should().BeFalse();
    }
}
