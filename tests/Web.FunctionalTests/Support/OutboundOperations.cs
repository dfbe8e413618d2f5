using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Reads the outbox of a test's app: what was staged for a lead, and waiting for it to reach a status.</summary>
public static class OutboundOperations
{
    public static async Task<List<OutboundOperation>> OperationsForLeadAsync(this HubApp app, int leadId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OutboundOperations.AsNoTracking().Include(o => o.Attempts).Where(o => o.LeadId == leadId).OrderBy(o => o.Id).ToListAsync();
    }

    /// <summary>Waits until the lead's operation of <paramref name="kind"/> has <paramref name="status"/>; returns it.</summary>
    public static Task<OutboundOperation> LeadOperationAsync(this HubApp app, int leadId, OutboundKind kind, OutboundStatus status, int seconds = 30) =>
        Poll.Eventually(async () => (await app.OperationsForLeadAsync(leadId)).FirstOrDefault(o => o.Kind == kind && o.Status == status),
            $"the {kind} operation of lead {leadId} to be {status}", seconds);
}
