namespace IntegrationHub.Application.Tenancy;

/// <summary>
/// How many integrations a sub-account has (it cannot be deleted while it has any). Tenancy asks; the module that
/// stores integrations answers, so Tenancy reads no Integrations table.
/// </summary>
public interface ISubAccountIntegrations
{
    Task<int> CountForSubAccountAsync(int subAccountId, CancellationToken cancellationToken);
}
