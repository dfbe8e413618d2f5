using FluentValidation;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

public sealed record ListOutboundOperationsQuery(string? Status, string? Kind, int? IntegrationId, int? LeadId, int? Limit)
    : IQuery<IReadOnlyList<OutboundOperationDto>>;

/// <summary>The words the filters take are the contract's (<c>failed</c>, <c>contact.create</c>); anything else is named back.</summary>
public sealed class ListOutboundOperationsQueryValidator : AbstractValidator<ListOutboundOperationsQuery>
{
    public ListOutboundOperationsQueryValidator()
    {
        RuleFor(x => x.Status).Must(s => s is null || OutboundNames.TryParseStatus(s, out _))
            .WithMessage("status must be one of " + string.Join(", ", OutboundNames.AllStatuses) + ".");
        RuleFor(x => x.Kind).Must(k => k is null || OutboundNames.TryParseKind(k, out _))
            .WithMessage("kind must be one of " + string.Join(", ", OutboundNames.AllKinds) + ".");
        // As the webhook inbox's limit: out of range is an error, not quietly clamped.
        RuleFor(x => x.Limit).InclusiveBetween(1, ListOutboundOperationsHandler.MaxLimit)
            .WithMessage($"limit must be from 1 to {ListOutboundOperationsHandler.MaxLimit} (default {ListOutboundOperationsHandler.DefaultLimit}).");
    }
}

/// <summary>Outbound operations, newest first, filtered by status, kind, integration and lead.</summary>
public sealed class ListOutboundOperationsHandler(IAppDbContext db) : IQueryHandler<ListOutboundOperationsQuery, IReadOnlyList<OutboundOperationDto>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public async ValueTask<IReadOnlyList<OutboundOperationDto>> Handle(ListOutboundOperationsQuery query, CancellationToken cancellationToken)
    {
        var operations = db.OutboundOperations.AsNoTracking();
        if (OutboundNames.TryParseStatus(query.Status, out var status))
        {
            operations = operations.Where(o => o.Status == status);
        }

        if (OutboundNames.TryParseKind(query.Kind, out var kind))
        {
            operations = operations.Where(o => o.Kind == kind);
        }

        if (query.IntegrationId is { } integrationId)
        {
            operations = operations.Where(o => o.IntegrationId == integrationId);
        }

        if (query.LeadId is { } leadId)
        {
            operations = operations.Where(o => o.LeadId == leadId);
        }

        var found = await operations.OrderByDescending(o => o.Id).Take(query.Limit ?? DefaultLimit).ToListAsync(cancellationToken);
        return found.Select(OutboundOperationDto.From).ToList();
    }
}
