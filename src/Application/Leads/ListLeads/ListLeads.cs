using FluentValidation;
using IntegrationHub.Application.Common.Models;
using IntegrationHub.Application.Common.Specifications;
using MapsterMapper;

namespace IntegrationHub.Application.Leads;

public sealed record ListLeadsQuery(int? Page, int? PageSize, int? SubAccountId) : IQuery<PagedResult<LeadDto>>;

public sealed class ListLeadsQueryValidator : AbstractValidator<ListLeadsQuery>
{
    public ListLeadsQueryValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

/// <summary>A page of leads: a tenant's own, or for an admin any sub-account's (or all).</summary>
public sealed class ListLeadsHandler(IAppDbContext db, ICurrentUser user, IMapper mapper) : IQueryHandler<ListLeadsQuery, PagedResult<LeadDto>>
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
}
