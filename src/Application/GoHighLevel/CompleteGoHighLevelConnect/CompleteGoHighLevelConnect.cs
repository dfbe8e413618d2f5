using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Common.Behaviors;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using Mediator;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>GoHighLevel's authorize page sent the browser back: <c>code</c> and <c>state</c>, or <c>error</c> when the user cancelled.</summary>
public sealed record CompleteGoHighLevelConnectCommand(string? Code, string? State, string? Error) : ICommand<GhlConnectOutcome>;

/// <summary>How a connect ended, for the page the browser is sent to next.</summary>
public enum GhlConnectResult
{
    /// <summary>The location's integration is connected and its connection test passed.</summary>
    Connected,

    /// <summary>The tokens are stored, but the connection test failed (the integration shows why).</summary>
    TestFailed,

    /// <summary>An agency (Company) install: stored as an installation whose locations are linked one by one.</summary>
    AgencyInstalled,

    /// <summary>The user cancelled on GoHighLevel's page; nothing stored.</summary>
    Cancelled,

    /// <summary>GoHighLevel refused the code (spent, expired, another redirect URI); nothing stored.</summary>
    CodeRefused,

    /// <summary>GoHighLevel refused the hub's app (client id or secret) or answered without tokens; nothing stored.</summary>
    AppRefused,

    /// <summary>GoHighLevel could not be reached; nothing stored.</summary>
    Unavailable,
}

public sealed record GhlConnectOutcome(GhlConnectResult Result, int SubAccountId, int? IntegrationId = null, string? CompanyId = null);

public sealed class CompleteGoHighLevelConnectCommandValidator : AbstractValidator<CompleteGoHighLevelConnectCommand>
{
    public CompleteGoHighLevelConnectCommandValidator()
    {
        RuleFor(x => x.State).NotEmpty().WithMessage("state is required: start again from the sub-account's page.")
            .MaximumLength(200).WithMessage("state is not one this hub issued.");
        RuleFor(x => x.Code).NotEmpty().When(x => string.IsNullOrEmpty(x.Error)).WithMessage("code is required.")
            .MaximumLength(4000).WithMessage("code is too long.");
        RuleFor(x => x.Error).MaximumLength(200);
    }
}

/// <summary>
/// Spends the state first, in one conditional UPDATE (unused and unexpired), so of two callbacks with the same state,
/// on any instances, one passes; a forged, replayed or late one stores nothing. Then the code is exchanged with the
/// state's redirect URI and the result stored for the state's sub-account and admin (never one named by the request): a
/// location's integration created or updated and tested, or an agency's installation. The audit names the admin who
/// started the connect.
/// </summary>
public sealed class CompleteGoHighLevelConnectHandler(
    IAppDbContext db, IGhlOAuthApps apps, IGhlOAuthClient oauth, GhlInstallationSecrets installationSecrets, IntegrationCreation creation,
    GhlConnections connections, IMediator mediator, IAuditTrail audit, ICurrentUser caller, TimeProvider clock,
    ILogger<CompleteGoHighLevelConnectHandler> logger)
    : ICommandHandler<CompleteGoHighLevelConnectCommand, GhlConnectOutcome>
{
    public const string StateRefused = "This connect link is not valid: it was already used, it expired, or this hub did not issue it. " +
        "Nothing was stored. Start again with \"Connect with GoHighLevel\" on the sub-account's page.";

    public async ValueTask<GhlConnectOutcome> Handle(CompleteGoHighLevelConnectCommand command, CancellationToken cancellationToken)
    {
        var app = apps.Current ?? throw new NotFoundException("GoHighLevel app", "configuration");
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = GhlConnectStateHash.Of(command.State!);
        var spent = await db.GhlConnectStates.Where(s => s.StateHash == hash && s.UsedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            throw new Common.Exceptions.ValidationException("state", StateRefused);
        }

        var state = await db.GhlConnectStates.AsNoTracking().SingleAsync(s => s.StateHash == hash, cancellationToken);
        using var action = audit.Begin(AuditActions.Of(typeof(CompleteGoHighLevelConnectCommand)),
            new AuditActor(AuditActorType.Admin, state.AdminId, caller.Address));
        if (!string.IsNullOrEmpty(command.Error))
        {
            logger.LogInformation("GoHighLevel connect for sub-account {SubAccountId} was cancelled on GoHighLevel's page", state.SubAccountId);
            return new GhlConnectOutcome(GhlConnectResult.Cancelled, state.SubAccountId);
        }

        GhlTokenGrant grant;
        try
        {
            grant = await oauth.ExchangeCodeAsync(command.Code!, state.RedirectUri, cancellationToken);
        }
        catch (GhlOAuthException ex)
        {
            // The message names the status and GoHighLevel's error code only, never the code or a token.
            logger.LogWarning("GoHighLevel connect for sub-account {SubAccountId} failed: {Reason}", state.SubAccountId, ex.Message);
            return new GhlConnectOutcome(ex.Failure switch
            {
                GhlOAuthFailure.InvalidGrant => GhlConnectResult.CodeRefused,
                GhlOAuthFailure.Unavailable => GhlConnectResult.Unavailable,
                _ => GhlConnectResult.AppRefused,
            }, state.SubAccountId);
        }

        if (grant.IsCompany)
        {
            return await InstallAgencyAsync(grant, state, now, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(grant.LocationId) || string.IsNullOrEmpty(grant.RefreshToken))
        {
            logger.LogWarning("GoHighLevel connect for sub-account {SubAccountId}: the token answer had no location or refresh token", state.SubAccountId);
            return new GhlConnectOutcome(GhlConnectResult.AppRefused, state.SubAccountId);
        }

        var integration = await StoreLocationAsync(app, grant, state, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var test = await mediator.Send(new TestConnectionCommand(integration.Id), cancellationToken);
        if (test.Success && integration.Status == IntegrationStatus.Disconnected)
        {
            // Connecting again is the admin's explicit wish to switch it back on (a plain test leaves it off).
            integration.RecordSuccess(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("GoHighLevel location {LocationId} connected to integration {IntegrationId} of sub-account {SubAccountId}; test {Outcome}",
            grant.LocationId, integration.Id, state.SubAccountId, test.Success ? "passed" : "failed");
        return new GhlConnectOutcome(test.Success ? GhlConnectResult.Connected : GhlConnectResult.TestFailed, state.SubAccountId, integration.Id);
    }

    /// <summary>The sub-account's integration for the location, updated with the new tokens, or a new one; staged.</summary>
    private async Task<Integration> StoreLocationAsync(GhlOAuthApp app, GhlTokenGrant grant, GhlConnectState state, DateTime now,
        CancellationToken cancellationToken)
    {
        var locationId = grant.LocationId!;
        var config = new JsonObject
        {
            ["apiKey"] = grant.AccessToken,
            ["refreshToken"] = grant.RefreshToken,
            ["locationId"] = locationId,
            ["baseUrl"] = app.ApiBaseUrl.GetLeftPart(UriPartial.Authority),
            ["oauth"] = "location",
            ["accessTokenExpiresAt"] = Instant(grant.ExpiresAt(now)),
            ["tokensRefreshedAt"] = Instant(now),
        };
        var holder = await creation.HolderOfLocationAsync(locationId, cancellationToken);
        if (holder is not null && holder.SubAccountId != state.SubAccountId)
        {
            throw new ConflictException($"The GoHighLevel location '{locationId}' is already connected by integration {holder.Id} of another " +
                "sub-account: a location can belong to one integration only. Nothing was stored; disconnect or delete that integration first.");
        }

        if (holder is not null)
        {
            // The app's client id and secret live in the settings, never in a config; an agency link's company goes too.
            config["clientId"] = null;
            config["clientSecret"] = null;
            config["companyId"] = null;
            await connections.MergeConfigAsync(holder, config, cancellationToken);
            return holder;
        }

        var template = await creation.ActiveTemplateOfKindAsync(IntegrationKind.GoHighLevel, cancellationToken);
        return await creation.StageAsync(state.SubAccountId, template, "GoHighLevel " + locationId, "Connected with the GoHighLevel Marketplace app.",
            JsonSerializer.SerializeToElement(config), state.AdminId, cancellationToken);
    }

    private async Task<GhlConnectOutcome> InstallAgencyAsync(GhlTokenGrant grant, GhlConnectState state, DateTime now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(grant.CompanyId) || string.IsNullOrEmpty(grant.RefreshToken))
        {
            logger.LogWarning("GoHighLevel agency install from sub-account {SubAccountId}: the token answer had no company or refresh token",
                state.SubAccountId);
            return new GhlConnectOutcome(GhlConnectResult.AppRefused, state.SubAccountId);
        }

        var companyId = grant.CompanyId;
        var installGrant = installationSecrets.Grant(companyId, grant, now);
        var installation = await db.GhlInstallations.Include(i => i.Locations).FirstOrDefaultAsync(i => i.CompanyId == companyId, cancellationToken);
        if (installation is null)
        {
            db.GhlInstallations.Add(GhlInstallation.Install(companyId, installGrant, state.AdminId, now));
        }
        else
        {
            installation.Reinstall(installGrant, state.AdminId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("GoHighLevel agency {CompanyId} installed the app with {Locations} approved locations", companyId,
            grant.ApprovedLocations.Count);
        return new GhlConnectOutcome(GhlConnectResult.AgencyInstalled, state.SubAccountId, CompanyId: companyId);
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
