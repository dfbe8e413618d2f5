using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>Recurring: tests every active or failing GoHighLevel integration, so status reflects reality.</summary>
public sealed class IntegrationHealthCheckJob(IAppDbContext db, IMediator mediator, ILogger<IntegrationHealthCheckJob> logger)
{
    public const string RecurringJobId = "integration-health-checks";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Integrations.AsNoTracking()
            .Where(i => i.Status == IntegrationStatus.Active || i.Status == IntegrationStatus.Error)
            .Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var result = await mediator.Send(new TestConnectionCommand(id), cancellationToken);
            if (!result.Success && result.Message != TestConnectionHandler.NotAvailable)
            {
                logger.LogWarning("Health check of integration {IntegrationId} failed: {Message}", id, result.Message);
            }
        }
    }
}
