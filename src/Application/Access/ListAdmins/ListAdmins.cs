namespace IntegrationHub.Application.Access;

public sealed record ListAdminsQuery : IQuery<IReadOnlyList<AdminDto>>;

public sealed class ListAdminsHandler(IAppDbContext db) : IQueryHandler<ListAdminsQuery, IReadOnlyList<AdminDto>>
{
    public async ValueTask<IReadOnlyList<AdminDto>> Handle(ListAdminsQuery query, CancellationToken cancellationToken) =>
        await db.AdminUsers.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AdminDto(a.Id, a.Email, a.Name, a.CreatedAt)).ToListAsync(cancellationToken);
}
