namespace IntegrationHub.Application.Tenancy;

public sealed record ListSubAccountsQuery : IQuery<IReadOnlyList<SubAccountDto>>;

public sealed class ListSubAccountsHandler(IAppDbContext db) : IQueryHandler<ListSubAccountsQuery, IReadOnlyList<SubAccountDto>>
{
    public async ValueTask<IReadOnlyList<SubAccountDto>> Handle(ListSubAccountsQuery query, CancellationToken cancellationToken) =>
        (await db.SubAccounts.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken)).Select(SubAccountDto.From).ToList();
}
