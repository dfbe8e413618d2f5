using System.Text.Json;
using FluentValidation;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Integrations;
using MapsterMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Integrations;

public sealed record CreateIntegrationCommand(
    int? SubAccountId,
    int? IntegrationTemplateId,
    string? Name,
    string? Description,
    JsonElement? Config) : ICommand<IntegrationDto>;

/// <summary>Fields left out keep their value; <c>config</c> is merged into the stored one.</summary>
public sealed record UpdateIntegrationCommand(string? Name, string? Description, JsonElement? Config) : ICommand<IntegrationDto>
{
    public int Id { get; init; }
}

public sealed record DeleteIntegrationCommand(int Id) : ICommand;

public sealed record ChangeIntegrationStatusCommand(string? Status, string? ErrorMessage) : ICommand<IntegrationDto>
{
    public int Id { get; init; }
}

public sealed class CreateIntegrationCommandValidator : AbstractValidator<CreateIntegrationCommand>
{
    public CreateIntegrationCommandValidator()
    {
        RuleFor(x => x.SubAccountId).NotNull();
        RuleFor(x => x.IntegrationTemplateId).NotNull();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(4000);
        RuleFor(x => x.Config).NotNull().WithMessage("config is required.");
    }
}

public sealed class UpdateIntegrationCommandValidator : AbstractValidator<UpdateIntegrationCommand>
{
    public UpdateIntegrationCommandValidator()
    {
        RuleFor(x => x.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("name cannot be empty.").MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(4000);
    }
}

public sealed class ChangeIntegrationStatusCommandValidator : AbstractValidator<ChangeIntegrationStatusCommand>
{
    public ChangeIntegrationStatusCommandValidator()
    {
        RuleFor(x => x.Status).Must(s => IntegrationStatusRules.TryParse(s, out _))
            .WithMessage("status must be one of pending, active, error, disconnected.");
        RuleFor(x => x.ErrorMessage).MaximumLength(2000);
    }
}

public sealed class IntegrationCommandHandlers(
    IAppDbContext db, ICurrentUser user, IntegrationConfigEditor configEditor, IMapper mapper, IBackgroundJobs jobs, TimeProvider clock)
    : ICommandHandler<CreateIntegrationCommand, IntegrationDto>,
      ICommandHandler<UpdateIntegrationCommand, IntegrationDto>,
      ICommandHandler<DeleteIntegrationCommand>,
      ICommandHandler<ChangeIntegrationStatusCommand, IntegrationDto>
{
    public async ValueTask<IntegrationDto> Handle(CreateIntegrationCommand command, CancellationToken cancellationToken)
    {
        var subAccountId = command.SubAccountId!.Value;
        if (!await db.SubAccounts.AnyAsync(s => s.Id == subAccountId, cancellationToken))
        {
            throw new NotFoundException("Sub-account", subAccountId);
        }

        var template = await db.IntegrationTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Id == command.IntegrationTemplateId, cancellationToken)
            ?? throw new NotFoundException("Integration template", command.IntegrationTemplateId!.Value);
        if (!template.IsActive)
        {
            throw new ConflictException($"The template '{template.Name}' is not active; integrations cannot be created from it.");
        }

        var secretScope = Guid.NewGuid().ToString("N");
        var config = configEditor.Apply(template.ConfigSchema, null, command.Config, subAccountId, secretScope);
        await EnsureLocationIsFreeAsync(config.ExternalAccountId, null, cancellationToken);
        var integration = Integration.Create(subAccountId, template.Id, secretScope, command.Name!, command.Description,
            config.StoredJson, config.ExternalAccountId, user.AdminId, clock.GetUtcNow().UtcDateTime);
        db.Integrations.Add(integration);
        await db.SaveChangesAsync(cancellationToken);
        Schedule(integration.Id, template.Name, config);
        return ToDto(integration, template.Name);
    }

    public async ValueTask<IntegrationDto> Handle(UpdateIntegrationCommand command, CancellationToken cancellationToken)
    {
        var integration = await Load(command.Id, cancellationToken);
        var template = await db.IntegrationTemplates.AsNoTracking()
            .SingleAsync(t => t.Id == integration.IntegrationTemplateId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // Validate the merged config first, so a bad update changes nothing at all.
        var config = command.Config is null ? null
            : configEditor.Apply(template.ConfigSchema, integration.ConfigJson, command.Config, integration.SubAccountId, integration.SecretScope);
        if (config is not null)
        {
            await EnsureLocationIsFreeAsync(config.ExternalAccountId, integration.Id, cancellationToken);
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
        if (config is not null)
        {
            Schedule(integration.Id, template.Name, config);
        }

        return ToDto(integration, template.Name);
    }

    public async ValueTask<Unit> Handle(DeleteIntegrationCommand command, CancellationToken cancellationToken)
    {
        db.Integrations.Remove(await Load(command.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        jobs.ScheduleContactSync(command.Id, 0);
        return Unit.Value;
    }

    public async ValueTask<IntegrationDto> Handle(ChangeIntegrationStatusCommand command, CancellationToken cancellationToken)
    {
        var integration = await Load(command.Id, cancellationToken);
        IntegrationStatusRules.TryParse(command.Status, out var target);
        integration.ChangeStatus(target, command.ErrorMessage, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        var templateName = await db.IntegrationTemplates.Where(t => t.Id == integration.IntegrationTemplateId)
            .Select(t => t.Name).SingleAsync(cancellationToken);
        return ToDto(integration, templateName);
    }

    /// <summary>
    /// Webhooks are routed by location id, so one location belongs to one integration (the database's unique index
    /// holds it under races; this check gives the clear answer).
    /// </summary>
    private async Task EnsureLocationIsFreeAsync(string? locationId, int? self, CancellationToken cancellationToken)
    {
        if (locationId is null)
        {
            return;
        }

        var holder = await db.Integrations.Where(i => i.ExternalAccountId == locationId && i.Id != self)
            .Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (holder is { } other)
        {
            throw new ConflictException($"The location '{locationId}' is already connected by integration {other}: " +
                "webhooks are routed by location, so a location can belong to one integration only.");
        }
    }

    private async Task<Integration> Load(int id, CancellationToken cancellationToken) =>
        await db.Integrations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
        ?? throw new NotFoundException("Integration", id);

    /// <summary>A GoHighLevel integration's <c>syncIntervalMinutes</c> drives its recurring contact sync (0 = off).</summary>
    private void Schedule(int integrationId, string templateName, IntegrationConfigEditor.Result config)
    {
        if (templateName == Templates.DefaultTemplates.GoHighLevel)
        {
            var minutes = config.Plain["syncIntervalMinutes"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<int>(out var m) ? m : 0;
            jobs.ScheduleContactSync(integrationId, minutes);
        }
    }

    private IntegrationDto ToDto(Integration integration, string templateName) =>
        mapper.Map<IntegrationDto>(integration) with { TemplateName = templateName };
}
