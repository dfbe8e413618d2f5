using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.GoHighLevel;

public sealed record TestConnectionCommand(int IntegrationId) : ICommand<ConnectionTestResult>;

public sealed record ConnectionTestData(int LocationsCount, string ApiVersion, string? LocationName);

public sealed record ConnectionTestResult(bool Success, string Message, ConnectionTestData? Data = null);

/// <summary>
/// Makes one small real call with the integration's credentials and moves its status accordingly.
/// A location token may read its own location, so that is the call (a location search needs an agency token).
/// </summary>
public sealed class TestConnectionHandler(IAppDbContext db, GhlConnections connections, IGoHighLevelGateway gateway, HealthPolicy policy,
    IntegrationMetrics metrics, TimeProvider clock)
    : ICommandHandler<TestConnectionCommand, ConnectionTestResult>
{
    public const string NotAvailable = "Connection test not available for this integration type.";

    public async ValueTask<ConnectionTestResult> Handle(TestConnectionCommand command, CancellationToken cancellationToken)
    {
        var (integration, kind) = await connections.LoadAsync(command.IntegrationId, cancellationToken);
        if (kind != IntegrationKind.GoHighLevel)
        {
            return new ConnectionTestResult(false, NotAvailable);
        }

        var result = await RunAsync(integration, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (integration.Status == IntegrationStatus.Disconnected)
        {
            // Switched off on purpose: report, but a test does not switch it back on.
            return result with { Message = result.Message + " (The integration stays disconnected.)" };
        }

        // Every check counts toward health (backoff, alerts), the test route's as much as the scheduled sweep's.
        integration.RecordCheck(result.Success, result.Message, policy, Random.Shared.NextDouble(), now);

        await db.SaveChangesAsync(cancellationToken);
        metrics.HealthChecked(result.Success);
        return result;
    }

    private async Task<ConnectionTestResult> RunAsync(Integration integration, CancellationToken cancellationToken)
    {
        // Someone is waiting for this answer: retries stop at the deadline (background jobs keep their longer budget).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(gateway.InteractiveDeadline);
        try
        {
            var connection = connections.Connect(integration);
            var location = await gateway.GetLocation(connection, deadline.Token);
            return new ConnectionTestResult(true, $"Connected to GoHighLevel location '{location.Name ?? location.Id}'.",
                new ConnectionTestData(1, connection.ApiVersion, location.Name));
        }
        catch (GhlApiException ex)
        {
            return new ConnectionTestResult(false, ex.Message);
        }
        catch (SecretDecryptionException ex)
        {
            return new ConnectionTestResult(false, ex.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult(false,
                $"GoHighLevel did not answer within {gateway.InteractiveDeadline.TotalSeconds:0.#} s (retries included); try again later.");
        }
    }
}
