namespace IntegrationHub.Application.Tenancy;

public sealed record ListUsersQuery(int SubAccountId) : IQuery<IReadOnlyList<UserDto>>;

public sealed class ListUsersHandler(IAppDbContext db) : IQueryHandler<ListUsersQuery, IReadOnlyList<UserDto>>
{
    public async ValueTask<IReadOnlyList<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        if (!await db.SubAccounts.AnyAsync(s => s.Id == query.SubAccountId, cancellationToken))
        {
            throw new NotFoundException("Sub-account", query.SubAccountId);
        }

        return await db.Users.AsNoTracking().Where(u => u.SubAccountId == query.SubAccountId).OrderBy(u => u.Id)
            .Select(u => new UserDto(u.Id, u.Email, u.Name, u.SubAccountId, u.CreatedAt)).ToListAsync(cancellationToken);
    }
}
