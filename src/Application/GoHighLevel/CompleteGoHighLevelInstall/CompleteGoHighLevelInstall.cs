using FluentValidation;
using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Common.Behaviors;
using IntegrationHub.Domain.Audit;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// GoHighLevel sent a browser to the callback with a <c>code</c> and no <c>state</c>: the install was started inside
/// GoHighLevel (the Marketplace listing's Install button, an agency's bulk install), not from the hub.
/// </summary>
public sealed record CompleteGoHighLevelInstallCommand(string Code) : ICommand<GhlConnectOutcome>;

public sealed class CompleteGoHighLevelInstallCommandValidator : AbstractValidator<CompleteGoHighLevelInstallCommand>
{
    public CompleteGoHighLevelInstallCommandValidator() =>
        RuleFor(x => x.Code).NotEmpty().WithMessage("code is required.").MaximumLength(4000).WithMessage("code is too long.");
}

/// <summary>
/// Exchanges the code (with the app's redirect URI) and stores only what needs no sub-account: an agency's installation
/// (its locations are linked to sub-accounts by an admin afterwards), or new tokens for a location an integration
/// already holds (a reinstall after an uninstall; the tokens are that very location's). A location the hub does not know
/// is not attached anywhere: which sub-account it belongs to is for an admin to say, from the sub-account's page. No
/// state means no admin: the audit names the system.
/// </summary>
public sealed class CompleteGoHighLevelInstallHandler(
    IGhlOAuthApps apps, IGhlOAuthClient oauth, GhlConnectGrants grants, IPublicUrls urls, IAuditTrail audit, ICurrentUser caller,
    TimeProvider clock, ILogger<CompleteGoHighLevelInstallHandler> logger)
    : ICommandHandler<CompleteGoHighLevelInstallCommand, GhlConnectOutcome>
{
    public async ValueTask<GhlConnectOutcome> Handle(CompleteGoHighLevelInstallCommand command, CancellationToken cancellationToken)
    {
        var app = apps.Current ?? throw new NotFoundException("GoHighLevel app", "configuration");
        var now = clock.GetUtcNow().UtcDateTime;
        using var action = audit.Begin(AuditActions.Of(typeof(CompleteGoHighLevelInstallCommand)),
            new AuditActor(AuditActorType.System, null, caller.Address));

        GhlTokenGrant grant;
        try
        {
            grant = await oauth.ExchangeCodeAsync(command.Code, app.RedirectUri ?? urls.GoHighLevelCallbackUrl(), cancellationToken);
        }
        catch (GhlOAuthException ex)
        {
            logger.LogWarning("GoHighLevel Marketplace install failed: {Reason}", ex.Message);
            return new GhlConnectOutcome(CompleteGoHighLevelConnectHandler.Failed(ex), null);
        }

        if (grant.IsCompany)
        {
            if (string.IsNullOrWhiteSpace(grant.CompanyId) || string.IsNullOrEmpty(grant.RefreshToken))
            {
                logger.LogWarning("GoHighLevel Marketplace install: the agency token answer had no company or refresh token");
                return new GhlConnectOutcome(GhlConnectResult.AppRefused, null);
            }

            await grants.InstallAgencyAsync(grant, null, now, cancellationToken);
            logger.LogInformation("GoHighLevel agency {CompanyId} installed the app from the Marketplace with {Locations} approved locations",
                grant.CompanyId, grant.ApprovedLocations.Count);
            return new GhlConnectOutcome(GhlConnectResult.AgencyInstalled, null, CompanyId: grant.CompanyId);
        }

        if (string.IsNullOrWhiteSpace(grant.LocationId) || string.IsNullOrEmpty(grant.RefreshToken))
        {
            logger.LogWarning("GoHighLevel Marketplace install: the token answer had no location or refresh token");
            return new GhlConnectOutcome(GhlConnectResult.AppRefused, null);
        }

        var holder = await grants.HolderOfAsync(grant.LocationId, cancellationToken);
        if (holder is null)
        {
            logger.LogInformation("GoHighLevel location {LocationId} installed the app from the Marketplace but no integration holds it; nothing stored",
                grant.LocationId);
            return new GhlConnectOutcome(GhlConnectResult.LocationUnknown, null);
        }

        await grants.UpdateAsync(holder, app, grant, now, cancellationToken);
        var passed = await grants.SaveAndTestAsync(holder, cancellationToken);
        logger.LogInformation("GoHighLevel location {LocationId} reinstalled from the Marketplace: integration {IntegrationId} has new tokens; test {Outcome}",
            grant.LocationId, holder.Id, passed ? "passed" : "failed");
        return new GhlConnectOutcome(passed ? GhlConnectResult.Connected : GhlConnectResult.TestFailed, holder.SubAccountId, holder.Id);
    }
}
