using FluentValidation;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Domain.Integrations;
using MapsterMapper;

namespace IntegrationHub.Application.Integrations;

/// <summary>Admin list, filtered by sub-account, status and template (name or id).</summary>
public sealed record ListIntegrationsQuery(int? SubAccountId, string? Status, string? Template) : IQuery<IReadOnlyList<IntegrationDto>>;

public sealed class ListIntegrationsQueryValidator : AbstractValidator<ListIntegrationsQuery>
{
    public ListIntegrationsQueryValidator() =>
        RuleFor(x => x.Status).Must(s => s is null || IntegrationStatusRules.TryParse(s, out _))
            .WithMessage("status must be one of pending, active, error, disconnected.");
}

public sealed class ListIntegrationsHandler(IAppDbContext db, IMapper mapper) : IQueryHandler<ListIntegrationsQuery, IReadOnlyList<IntegrationDto>>
{
    public async ValueTask<IReadOnlyList<IntegrationDto>> Handle(ListIntegrationsQuery query, CancellationToken cancellationToken)
    {
        var integrations = db.Integrations.WithSpecification(new IntegrationsVisibleToSpec(query.SubAccountId));

        if (query.Status is not null && IntegrationStatusRules.TryParse(query.Status, out var status))
        {
            integrations = integrations.Where(i => i.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Template))
        {
            var template = query.Template.Trim();
            var templateId = int.TryParse(template, out var id) ? id : -1;
            var templates = Templates.TemplateCatalog.Query(db);
            integrations = integrations.Where(i => templates
                .Any(t => t.Id == i.IntegrationTemplateId && (t.Name == template || t.Id == templateId)));
        }

        return await IntegrationReads.ProjectAsync(db, mapper, integrations, withHealth: true, cancellationToken);
    }
}
