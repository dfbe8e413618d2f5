namespace IntegrationHub.Application.Outbound;

public sealed record GetOutboundOperationQuery(int Id) : IQuery<OutboundOperationDetailsDto>;

public sealed class GetOutboundOperationHandler(IAppDbContext db) : IQueryHandler<GetOutboundOperationQuery, OutboundOperationDetailsDto>
{
    public async ValueTask<OutboundOperationDetailsDto> Handle(GetOutboundOperationQuery query, CancellationToken cancellationToken)
    {
        var operation = await db.OutboundOperations.AsNoTracking().Include(o => o.Attempts)
            .SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken) ?? throw new NotFoundException(OutboundSteering.Resource, query.Id);
        return OutboundOperationDetailsDto.From(operation);
    }
}
