namespace IntegrationHub.Application.Tenancy;

public sealed record GetUserQuery(int Id) : IQuery<UserDto>;

public sealed class GetUserHandler(IAppDbContext db) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == query.Id)
            .Select(u => new UserDto(u.Id, u.Email, u.Name, u.SubAccountId, u.CreatedAt)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("User", query.Id);
}
