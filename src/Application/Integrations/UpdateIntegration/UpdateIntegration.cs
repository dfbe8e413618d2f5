using System.Text.Json;
using FluentValidation;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Application.Templates;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

/// <summary>Fields left out keep their value; <c>config</c> is merged into the stored one.</summary>
public sealed record UpdateIntegrationCommand(string? Name, string? Description, JsonElement? Config) : ICommand<IntegrationDto>
{
    public int Id { get; init; }
}

public sealed class UpdateIntegrationCommandValidator : AbstractValidator<UpdateIntegrationCommand>
{
    public UpdateIntegrationCommandValidator()
    {
        RuleFor(x => x.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("Name is required.").MaximumLength(Integration.MaxNameLength);
        RuleFor(x => x.Description).MaximumLength(Integration.MaxDescriptionLength);
    }
}

public sealed class UpdateIntegrationHandler(
    IAppDbContext db, ITemplateCatalog templates, IntegrationConfigEditor configEditor, IMapper mapper, TimeProvider clock)
    : ICommandHandler<UpdateIntegrationCommand, IntegrationDto>
{
    public async ValueTask<IntegrationDto> Handle(UpdateIntegrationCommand command, CancellationToken cancellationToken)
    {
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Integration", command.Id);
        var template = await templates.FindAsync(integration.IntegrationTemplateId, cancellationToken)
            ?? throw new InvalidOperationException($"Integration {integration.Id} has no template.");
        var now = clock.GetUtcNow().UtcDateTime;

        // Validate the merged config first, so a bad update changes nothing at all.
        var config = command.Config is null ? null
            : configEditor.Apply(template.ConfigSchema, integration.ConfigJson, command.Config, integration.SubAccountId, integration.SecretScope);
        if (config is not null)
        {
            await IntegrationLocations.EnsureFreeAsync(db, config.ExternalAccountId, integration.Id, cancellationToken);
        }

        if (command.Name is not null || command.Description is not null)
        {
            integration.Rename(command.Name ?? integration.Name, command.Description ?? integration.Description, now);
        }

        if (config is not null)
        {
            integration.ReplaceConfig(config.StoredJson, config.ExternalAccountId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return IntegrationDto.For(mapper, integration, TemplateLabel.Of(template), withHealth: true);
    }
}
