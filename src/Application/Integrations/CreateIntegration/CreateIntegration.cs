using System.Text.Json;
using FluentValidation;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.Tenancy;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

public sealed record CreateIntegrationCommand(
    int? SubAccountId,
    int? IntegrationTemplateId,
    string? Name,
    string? Description,
    JsonElement? Config) : ICommand<IntegrationDto>;

public sealed class CreateIntegrationCommandValidator : AbstractValidator<CreateIntegrationCommand>
{
    public CreateIntegrationCommandValidator()
    {
        RuleFor(x => x.SubAccountId).NotNull();
        RuleFor(x => x.IntegrationTemplateId).NotNull();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Integration.MaxNameLength);
        RuleFor(x => x.Description).MaximumLength(Integration.MaxDescriptionLength);
        RuleFor(x => x.Config).NotNull().WithMessage("config is required.");
    }
}

/// <summary>A tenant's new integration: config validated against its template and secrets encrypted; status pending.</summary>
public sealed class CreateIntegrationHandler(
    IAppDbContext db, ITenantDirectory tenants, ITemplateCatalog templates, ICurrentUser user, IntegrationConfigEditor configEditor,
    IMapper mapper, TimeProvider clock)
    : ICommandHandler<CreateIntegrationCommand, IntegrationDto>
{
    public async ValueTask<IntegrationDto> Handle(CreateIntegrationCommand command, CancellationToken cancellationToken)
    {
        var subAccountId = command.SubAccountId!.Value;
        if (!await tenants.SubAccountExistsAsync(subAccountId, cancellationToken))
        {
            throw new NotFoundException("Sub-account", subAccountId);
        }

        var template = await templates.FindAsync(command.IntegrationTemplateId!.Value, cancellationToken)
            ?? throw new NotFoundException("Integration template", command.IntegrationTemplateId!.Value);
        if (!template.IsActive)
        {
            throw new ConflictException($"The template '{template.Name}' is not active; integrations cannot be created from it.");
        }

        var secretScope = Guid.NewGuid().ToString("N");
        var config = configEditor.Apply(template.ConfigSchema, null, command.Config, subAccountId, secretScope);
        await IntegrationLocations.EnsureFreeAsync(db, config.ExternalAccountId, null, cancellationToken);
        var integration = Integration.Create(subAccountId, template.Id, secretScope, command.Name!, command.Description,
            config.StoredJson, config.ExternalAccountId, user.AdminId, clock.GetUtcNow().UtcDateTime);
        db.Integrations.Add(integration);
        await db.SaveChangesAsync(cancellationToken);
        return IntegrationDto.For(mapper, integration, TemplateLabel.Of(template), withHealth: true);
    }
}
