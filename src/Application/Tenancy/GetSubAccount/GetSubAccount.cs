namespace IntegrationHub.Application.Tenancy;

public sealed record GetSubAccountQuery(int Id) : IQuery<SubAccountDto>;

public sealed class GetSubAccountHandler(IAppDbContext db) : IQueryHandler<GetSubAccountQuery, SubAccountDto>
{
    public async ValueTask<SubAccountDto> Handle(GetSubAccountQuery query, CancellationToken cancellationToken) =>
        SubAccountDto.From(await db.SubAccounts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Sub-account", query.Id));
}
