using System.Text.Json;
using FluentValidation;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

/// <summary>Update a template: fields left out keep their value. The body of <c>PUT .../{id}</c>.</summary>
public sealed record UpdateTemplateCommand : TemplateFields, ICommand<TemplateDto>
{
    public int Id { get; init; }
}

public sealed class UpdateTemplateCommandValidator : AbstractValidator<UpdateTemplateCommand>
{
    public UpdateTemplateCommandValidator()
    {
        RuleFor(x => x.DisplayName).Must(v => v is null || v.Trim().Length > 0).WithMessage("Display name is required.");
        RuleFor(x => x.Category).Must(v => v is null || v.Trim().Length > 0).WithMessage("Category is required.");
        TemplateFieldRules.Apply(this, x => x.DisplayName, x => x.Category, x => x.ConfigSchema, x => x.WebhookUrl, required: false);
    }
}

public sealed class UpdateTemplateHandler(
    IAppDbContext db, ITemplateSchemaChangeGuard schemaChangeGuard, IIntegrationUsage usage, TimeProvider clock)
    : ICommandHandler<UpdateTemplateCommand, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(UpdateTemplateCommand command, CancellationToken cancellationToken)
    {
        var template = await db.IntegrationTemplates.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Integration template", command.Id);

        var details = new TemplateDetails(
            command.DisplayName ?? template.DisplayName,
            command.Description ?? template.Description,
            command.Category ?? template.Category,
            command.Icon ?? template.Icon,
            command.IsActive ?? template.IsActive,
            command.ConfigSchema?.GetRawText() ?? template.ConfigSchema,
            command.SetupInstructions ?? template.SetupInstructions,
            command.WebhookUrl ?? template.WebhookUrl,
            command.ApiVersion ?? template.ApiVersion);
        if (details.ConfigSchema != template.ConfigSchema)
        {
            // Refused (409) while integrations would not fit it; otherwise their configs follow it in the same save.
            await schemaChangeGuard.ApplyAsync(template.Id, details.ConfigSchema, cancellationToken);
        }

        template.Update(details, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);

        var count = await usage.CountForTemplateAsync(template.Id, cancellationToken);
        return TemplateDto.From(template, count);
    }
}
