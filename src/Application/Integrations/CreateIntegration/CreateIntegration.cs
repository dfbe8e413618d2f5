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
    IAppDbContext db, ITenantDirectory tenants, ITemplateCatalog templates, ICurrentUser user, IntegrationCreation creation, IMapper mapper)
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
        var integration = await creation.StageAsync(subAccountId, template, command.Name!, command.Description, command.Config, user.AdminId,
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return IntegrationDto.For(mapper, integration, TemplateLabel.Of(template), withHealth: true);
    }
}
