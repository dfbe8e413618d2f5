using System.Text.Json;
using FluentValidation;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Templates;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Templates;

/// <summary>Create a template. The body of <c>POST /api/admin/integration-templates</c>.</summary>
public sealed record CreateTemplateCommand(
    string? Name,
    string? DisplayName,
    string? Description,
    string? Category,
    string? Icon,
    bool? IsActive,
    JsonElement? ConfigSchema,
    string? SetupInstructions,
    string? WebhookUrl,
    string? ApiVersion) : ICommand<TemplateDto>;

/// <summary>Update a template: fields left out keep their value. The body of <c>PUT .../{id}</c>.</summary>
public sealed record UpdateTemplateCommand(
    string? DisplayName,
    string? Description,
    string? Category,
    string? Icon,
    bool? IsActive,
    JsonElement? ConfigSchema,
    string? SetupInstructions,
    string? WebhookUrl,
    string? ApiVersion) : ICommand<TemplateDto>
{
    public int Id { get; init; }
}

public sealed record DeleteTemplateCommand(int Id) : ICommand;

internal static class TemplateFieldRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string?> displayName, Func<T, string?> category,
        Func<T, JsonElement?> schema, Func<T, string?> webhookUrl, bool required)
    {
        if (required)
        {
            v.RuleFor(x => displayName(x)).NotEmpty().OverridePropertyName("displayName");
            v.RuleFor(x => category(x)).NotEmpty().OverridePropertyName("category");
            v.RuleFor(x => schema(x)).NotNull().WithMessage("configSchema is required.").OverridePropertyName("configSchema");
        }

        v.RuleFor(x => displayName(x)).MaximumLength(200).OverridePropertyName("displayName");
        v.RuleFor(x => category(x)).MaximumLength(100).OverridePropertyName("category");
        v.RuleFor(x => webhookUrl(x))
            .Must(url => url is null || Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http"))
            .WithMessage("webhookUrl must be an absolute http(s) URL.").OverridePropertyName("webhookUrl");
        v.RuleFor(x => x).Custom((x, context) =>
        {
            if (schema(x) is not { } value)
            {
                return;
            }

            foreach (var (path, messages) in ConfigSchemaRules.Check(value))
            {
                foreach (var message in messages)
                {
                    context.AddFailure(path, message);
                }
            }
        });
    }
}

public sealed class CreateTemplateCommandValidator : AbstractValidator<CreateTemplateCommand>
{
    public CreateTemplateCommandValidator()
    {
        RuleFor(x => x.Name).NotEmpty()
            .Must(IntegrationTemplate.IsValidName!)
            .WithMessage("name must be a slug: a lower-case letter, then lower-case letters, digits or '_' (at most 100).");
        TemplateFieldRules.Apply(this, x => x.DisplayName, x => x.Category, x => x.ConfigSchema, x => x.WebhookUrl, required: true);
    }
}

public sealed class UpdateTemplateCommandValidator : AbstractValidator<UpdateTemplateCommand>
{
    public UpdateTemplateCommandValidator()
    {
        RuleFor(x => x.DisplayName).Must(v => v is null || v.Trim().Length > 0).WithMessage("displayName cannot be empty.");
        RuleFor(x => x.Category).Must(v => v is null || v.Trim().Length > 0).WithMessage("category cannot be empty.");
        TemplateFieldRules.Apply(this, x => x.DisplayName, x => x.Category, x => x.ConfigSchema, x => x.WebhookUrl, required: false);
    }
}

public sealed class TemplateCommandHandlers(IAppDbContext db, ICurrentUser user, ITemplateSchemaChangeGuard schemaChangeGuard, TimeProvider clock)
    : ICommandHandler<CreateTemplateCommand, TemplateDto>,
      ICommandHandler<UpdateTemplateCommand, TemplateDto>,
      ICommandHandler<DeleteTemplateCommand>
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

        var count = await db.Integrations.CountAsync(i => i.IntegrationTemplateId == template.Id, cancellationToken);
        return TemplateDto.From(template, count);
    }

    public async ValueTask<Unit> Handle(DeleteTemplateCommand command, CancellationToken cancellationToken)
    {
        var template = await db.IntegrationTemplates.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Integration template", command.Id);
        var inUse = await db.Integrations.CountAsync(i => i.IntegrationTemplateId == template.Id, cancellationToken);
        if (inUse > 0)
        {
            throw new ConflictException($"The template is used by {inUse} integration(s); delete them first.");
        }

        db.IntegrationTemplates.Remove(template);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
