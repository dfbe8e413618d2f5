using FluentValidation;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Common.Models;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Domain.Leads;
using MapsterMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.Leads;

public sealed record ListLeadsQuery(int? Page, int? PageSize, int? SubAccountId) : IQuery<PagedResult<LeadDto>>;

public sealed record GetLeadQuery(int Id) : IQuery<LeadDto>;

public sealed record GetLeadMessagesQuery(int LeadId) : IQuery<IReadOnlyList<LeadMessageDto>>;

public sealed class ListLeadsQueryValidator : AbstractValidator<ListLeadsQuery>
{
    public ListLeadsQueryValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

public sealed class LeadQueryHandlers(IAppDbContext db, ICurrentUser user, IMapper mapper)
    : IQueryHandler<ListLeadsQuery, PagedResult<LeadDto>>,
      IQueryHandler<GetLeadQuery, LeadDto>,
      IQueryHandler<GetLeadMessagesQuery, IReadOnlyList<LeadMessageDto>>
{
    public async ValueTask<PagedResult<LeadDto>> Handle(ListLeadsQuery query, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? Paging.DefaultPageSize;
        var subAccountId = user.ScopeSubAccount(query.SubAccountId);

        var total = await db.Leads.WithSpecification(new LeadsOfSubAccountSpec(subAccountId)).CountAsync(cancellationToken);
        var leads = await db.Leads.AsNoTracking()
            .WithSpecification(new LeadsOfSubAccountSpec(subAccountId, page, pageSize))
            .ToListAsync(cancellationToken);
        return new PagedResult<LeadDto>(mapper.Map<List<LeadDto>>(leads), total, page, pageSize);
    }

    public async ValueTask<LeadDto> Handle(GetLeadQuery query, CancellationToken cancellationToken) =>
        mapper.Map<LeadDto>(await FindVisibleLead(query.Id, cancellationToken));

    public async ValueTask<IReadOnlyList<LeadMessageDto>> Handle(GetLeadMessagesQuery query, CancellationToken cancellationToken)
    {
        var lead = await FindVisibleLead(query.LeadId, cancellationToken);
        var messages = await db.LeadMessages.AsNoTracking()
            // Messages that arrived before their lead carry only the contact id: they belong to it all the same.
            .Where(m => m.LeadId == lead.Id || (lead.ExternalContactId != null && m.LeadId == null
                && m.SubAccountId == lead.SubAccountId && m.ExternalContactId == lead.ExternalContactId))
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return mapper.Map<List<LeadMessageDto>>(messages);
    }

    private async Task<Lead> FindVisibleLead(int id, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        // Another tenant's lead is answered exactly like a missing one.
        return lead is not null && user.CanSee(lead.SubAccountId) ? lead : throw new NotFoundException("Lead", id);
    }
}
