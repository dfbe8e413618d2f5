using IntegrationHub.Application.Common.Validation;
using FluentValidation;
using IntegrationHub.Application.Common.Models;
using MapsterMapper;

namespace IntegrationHub.Application.Leads;

public sealed record ListLeadsQuery(int? Page, int? PageSize, int? SubAccountId, string? Search = null, string? Tag = null,
    string? UpdatedSince = null) : IQuery<PagedResult<LeadDto>>;

public sealed class ListLeadsQueryValidator : AbstractValidator<ListLeadsQuery>
{
    public ListLeadsQueryValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        LeadFilterRules.Add(this, x => x.Search, x => x.Tag, x => x.UpdatedSince);
    }
}

/// <summary>A page of leads: a tenant's own, or for an admin any sub-account's (or all).</summary>
public sealed class ListLeadsHandler(ILeadSearch search, ICurrentUser user, IMapper mapper) : IQueryHandler<ListLeadsQuery, PagedResult<LeadDto>>
{
    public async ValueTask<PagedResult<LeadDto>> Handle(ListLeadsQuery query, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? Paging.DefaultPageSize;
        IsoInstant.TryParse(query.UpdatedSince, out var since);
        var filter = new LeadFilter(user.ScopeSubAccount(query.SubAccountId), query.Search, query.Tag,
            query.UpdatedSince is null ? null : since);

        var found = await search.NewestFirst(filter, page, pageSize, cancellationToken);
        return new PagedResult<LeadDto>(mapper.Map<List<LeadDto>>(found.Leads), found.Total, page, pageSize, found.TotalIsExact);
    }
}
