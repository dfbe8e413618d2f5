using FluentValidation;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Integrations;
using MapsterMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Integrations;

/// <summary>Admin list, filtered by sub-account, status and template (name or id).</summary>
public sealed record ListIntegrationsQuery(int? SubAccountId, string? Status, string? Template) : IQuery<IReadOnlyList<IntegrationDto>>;

/// <summary>Integrations the caller may see: a tenant its own, an admin all.</summary>
public sealed record ListVisibleIntegrationsQuery : IQuery<IReadOnlyList<IntegrationDto>>;

public sealed record GetIntegrationQuery(int Id) : IQuery<IntegrationDto>;

public sealed class ListIntegrationsQueryValidator : AbstractValidator<ListIntegrationsQuery>
{
    public ListIntegrationsQueryValidator() =>
        RuleFor(x => x.Status).Must(s => s is null || IntegrationStatusRules.TryParse(s, out _))
            .WithMessage("status must be one of pending, active, error, disconnected.");
}

public sealed class IntegrationQueryHandlers(IAppDbContext db, ICurrentUser user, IMapper mapper)
    : IQueryHandler<ListIntegrationsQuery, IReadOnlyList<IntegrationDto>>,
      IQueryHandler<ListVisibleIntegrationsQuery, IReadOnlyList<IntegrationDto>>,
      IQueryHandler<GetIntegrationQuery, IntegrationDto>
{
    public async ValueTask<IReadOnlyList<IntegrationDto>> Handle(ListIntegrationsQuery query, CancellationToken cancellationToken)
    {
        var integrations = db.Integrations.AsNoTracking();
        if (query.SubAccountId is { } subAccountId)
        {
            integrations = integrations.Where(i => i.SubAccountId == subAccountId);
        }

        if (query.Status is not null && IntegrationStatusRules.TryParse(query.Status, out var status))
        {
            integrations = integrations.Where(i => i.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Template))
        {
            var template = query.Template.Trim();
            var templateId = int.TryParse(template, out var id) ? id : -1;
            integrations = integrations.Where(i => db.IntegrationTemplates
                .Any(t => t.Id == i.IntegrationTemplateId && (t.Name == template || t.Id == templateId)));
        }

        return await Project(integrations, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<IntegrationDto>> Handle(ListVisibleIntegrationsQuery query, CancellationToken cancellationToken)
    {
        var subAccountId = user.ScopeSubAccount(null);
        var integrations = db.Integrations.AsNoTracking();
        if (subAccountId is { } id)
        {
            integrations = integrations.Where(i => i.SubAccountId == id);
        }

        return await Project(integrations, cancellationToken);
    }

    public async ValueTask<IntegrationDto> Handle(GetIntegrationQuery query, CancellationToken cancellationToken)
    {
        var found = await Project(db.Integrations.AsNoTracking().Where(i => i.Id == query.Id), cancellationToken);
        // Another tenant's integration is answered exactly like a missing one.
        return found.SingleOrDefault(i => user.CanSee(i.SubAccountId)) ?? throw new NotFoundException("Integration", query.Id);
    }

    private async Task<IReadOnlyList<IntegrationDto>> Project(IQueryable<Integration> integrations, CancellationToken cancellationToken)
    {
        var rows = await integrations
            .OrderBy(i => i.Id)
            .Select(i => new { Integration = i, TemplateName = db.IntegrationTemplates.Where(t => t.Id == i.IntegrationTemplateId).Select(t => t.Name).Single() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => mapper.Map<IntegrationDto>(r.Integration) with { TemplateName = r.TemplateName }).ToList();
    }
}
