using System.Text.Json;
using FluentValidation;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

/// <summary>Create a template. The body of <c>POST /api/admin/integration-templates</c>.</summary>
public sealed record CreateTemplateCommand : TemplateFields, ICommand<TemplateDto>
{
    public string? Name { get; init; }
}

public sealed class CreateTemplateCommandValidator : AbstractValidator<CreateTemplateCommand>
{
    public CreateTemplateCommandValidator()
    {
        RuleFor(x => x.Name).NotEmpty()
            .Must(IntegrationTemplate.IsValidName!)
            .WithMessage("Name must be a slug: a lower-case letter, then lower-case letters, digits or '_' (at most 100).");
        TemplateFieldRules.Apply(this, x => x.DisplayName, x => x.Category, x => x.ConfigSchema, x => x.WebhookUrl, required: true);
    }
}

public sealed class CreateTemplateHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreateTemplateCommand, TemplateDto>
{
    public async ValueTask<TemplateDto> Handle(CreateTemplateCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!;
        if (await db.IntegrationTemplates.AnyAsync(t => t.Name == name, cancellationToken))
        {
            throw new ConflictException($"An integration template named '{name}' already exists.");
        }

        var details = new TemplateDetails(command.DisplayName!, command.Description, command.Category!, command.Icon,
            command.IsActive ?? true, command.ConfigSchema!.Value.GetRawText(), command.SetupInstructions,
            command.WebhookUrl, command.ApiVersion);
        var template = IntegrationTemplate.Create(name, details, user.AdminId, clock.GetUtcNow().UtcDateTime);
        db.IntegrationTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return TemplateDto.From(template, 0);
    }
}
