using IntegrationHub.Application.Common.Validation;
using System.Runtime.CompilerServices;
using FluentValidation;
using IntegrationHub.Domain.Leads;
using MapsterMapper;

namespace IntegrationHub.Application.Leads;

/// <summary>Every lead the filter matches, for a file: the list's filters and scope, without paging.</summary>
public sealed record ExportLeadsQuery(int? SubAccountId, string? Search = null, string? Tag = null, string? UpdatedSince = null)
    : IQuery<LeadExport>;

/// <summary>
/// The leads of an export, read from the database as they are enumerated (once). The query has already been checked and
/// scoped when this is returned, so a refusal comes before the first lead is written anywhere.
/// </summary>
public sealed record LeadExport(IAsyncEnumerable<LeadDto> Leads);

public sealed class ExportLeadsQueryValidator : AbstractValidator<ExportLeadsQuery>
{
    public ExportLeadsQueryValidator() => LeadFilterRules.Add(this, x => x.Search, x => x.Tag, x => x.UpdatedSince);
}

/// <summary>A tenant exports its own leads (another sub-account is a 404, as in the list); an admin any sub-account's, or all.</summary>
public sealed class ExportLeadsHandler(ILeadSearch search, ICurrentUser user, IMapper mapper) : IQueryHandler<ExportLeadsQuery, LeadExport>
{
    public ValueTask<LeadExport> Handle(ExportLeadsQuery query, CancellationToken cancellationToken)
    {
        IsoInstant.TryParse(query.UpdatedSince, out var since);
        var filter = new LeadFilter(user.ScopeSubAccount(query.SubAccountId), query.Search, query.Tag,
            query.UpdatedSince is null ? null : since);
        return ValueTask.FromResult(new LeadExport(AsDtos(search.EveryMatch(filter, cancellationToken), cancellationToken)));
    }

    private async IAsyncEnumerable<LeadDto> AsDtos(IAsyncEnumerable<Lead> leads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var lead in leads.WithCancellation(cancellationToken))
        {
            yield return mapper.Map<LeadDto>(lead);
        }
    }
}
