using FluentValidation;
using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Common.Behaviors;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// GoHighLevel's authorize page sent the browser back: <c>code</c> and <c>state</c>, or <c>error</c> when the user cancelled.
/// <paramref name="BrowserNonce"/> is the value of the connect cookie the console set for this state, when the browser sent one.
/// </summary>
public sealed record CompleteGoHighLevelConnectCommand(string? Code, string? State, string? Error, string? BrowserNonce = null)
    : ICommand<GhlConnectOutcome>;

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

    /// <summary>The state was not spendable (used, expired, not issued, or bound to another browser); nothing exchanged. API: 400.</summary>
    StateRefused,

    /// <summary>Another sub-account's integration holds the location; nothing stored. API: 409.</summary>
    LocationTaken,

    /// <summary>A Marketplace install (no state) of a location the hub does not know; nothing stored, GoHighLevel's code is spent.</summary>
    LocationUnknown,
}

/// <summary>
/// The outcome; <see cref="SubAccountId"/> is the state's sub-account (null when there was none), <see cref="Detail"/> the
/// problem's text for a refused state or a taken location (for API clients, never put in a URL).
/// </summary>
public sealed record GhlConnectOutcome(GhlConnectResult Result, int? SubAccountId, int? IntegrationId = null, string? CompanyId = null,
    string? Detail = null);

public sealed class CompleteGoHighLevelConnectCommandValidator : AbstractValidator<CompleteGoHighLevelConnectCommand>
{
    public CompleteGoHighLevelConnectCommandValidator()
    {
        RuleFor(x => x.State).NotEmpty().WithMessage("state is required: start again from the sub-account's page.")
            .MaximumLength(200).WithMessage("state is not one this hub issued.");
        RuleFor(x => x.Code).NotEmpty().When(x => string.IsNullOrEmpty(x.Error)).WithMessage("code is required.")
            .MaximumLength(4000).WithMessage("code is too long.");
        RuleFor(x => x.Error).MaximumLength(200);
        RuleFor(x => x.BrowserNonce).MaximumLength(200);
    }
}

/// <summary>
/// Spends the state first, in one conditional UPDATE (unused and unexpired), so of two callbacks with the same state,
/// on any instances, one passes; a forged, replayed, late or (for a console-started connect) cookie-less one stores
/// nothing. Then the code is exchanged with the state's redirect URI and the result stored for the state's sub-account
/// and admin (never one named by the request): a location's integration created or updated and tested, or an agency's
/// installation. The audit names the admin who started the connect.
/// </summary>
public sealed class CompleteGoHighLevelConnectHandler(
    IAppDbContext db, IGhlOAuthApps apps, IGhlOAuthClient oauth, GhlConnectGrants grants, IAuditTrail audit, ICurrentUser caller,
    TimeProvider clock, ILogger<CompleteGoHighLevelConnectHandler> logger)
    : ICommandHandler<CompleteGoHighLevelConnectCommand, GhlConnectOutcome>
{
    public const string StateRefused = "This connect link is not valid: it was already used, it expired, or this hub did not issue it. " +
        "Nothing was stored. Start again with \"Connect with GoHighLevel\" on the sub-account's page.";

    public async ValueTask<GhlConnectOutcome> Handle(CompleteGoHighLevelConnectCommand command, CancellationToken cancellationToken)
    {
        var app = apps.Current ?? throw new NotFoundException("GoHighLevel app", "configuration");
        var now = clock.GetUtcNow().UtcDateTime;
        // An API-issued state is stored as the hash of the state; a console-issued one as the hash of state and cookie
        // nonce, so it is found (and spent) only together with the browser's cookie.
        var hashes = GhlConnectStateHash.Candidates(command.State!, command.BrowserNonce);
        var spent = await db.GhlConnectStates.Where(s => hashes.Contains(s.StateHash) && s.UsedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            var known = await db.GhlConnectStates.AsNoTracking().Where(s => hashes.Contains(s.StateHash)).Select(s => (int?)s.SubAccountId)
                .FirstOrDefaultAsync(cancellationToken);
            return new GhlConnectOutcome(GhlConnectResult.StateRefused, known, Detail: StateRefused);
        }

        var state = await db.GhlConnectStates.AsNoTracking().SingleAsync(s => hashes.Contains(s.StateHash), cancellationToken);
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
            return new GhlConnectOutcome(Failed(ex), state.SubAccountId);
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

        var locationId = grant.LocationId;
        var integration = await grants.HolderOfAsync(locationId, cancellationToken);
        if (integration is not null && integration.SubAccountId != state.SubAccountId)
        {
            return new GhlConnectOutcome(GhlConnectResult.LocationTaken, state.SubAccountId, Detail: $"The GoHighLevel location '{locationId}' is " +
                $"already connected by integration {integration.Id} of another sub-account: a location can belong to one integration only. " +
                "Nothing was stored; disconnect or delete that integration first.");
        }

        if (integration is not null)
        {
            await grants.UpdateAsync(integration, app, grant, now, cancellationToken);
        }
        else
        {
            integration = await grants.CreateAsync(state.SubAccountId, state.AdminId, app, grant, now, cancellationToken);
        }

        var passed = await grants.SaveAndTestAsync(integration, cancellationToken);
        logger.LogInformation("GoHighLevel location {LocationId} connected to integration {IntegrationId} of sub-account {SubAccountId}; test {Outcome}",
            locationId, integration.Id, state.SubAccountId, passed ? "passed" : "failed");
        return new GhlConnectOutcome(passed ? GhlConnectResult.Connected : GhlConnectResult.TestFailed, state.SubAccountId, integration.Id);
    }

    /// <summary>What a refused code exchange means for the admin.</summary>
    public static GhlConnectResult Failed(GhlOAuthException ex) => ex.Failure switch
    {
        GhlOAuthFailure.InvalidGrant => GhlConnectResult.CodeRefused,
        GhlOAuthFailure.Unavailable => GhlConnectResult.Unavailable,
        _ => GhlConnectResult.AppRefused,
    };

    private async Task<GhlConnectOutcome> InstallAgencyAsync(GhlTokenGrant grant, GhlConnectState state, DateTime now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(grant.CompanyId) || string.IsNullOrEmpty(grant.RefreshToken))
        {
            logger.LogWarning("GoHighLevel agency install from sub-account {SubAccountId}: the token answer had no company or refresh token",
                state.SubAccountId);
            return new GhlConnectOutcome(GhlConnectResult.AppRefused, state.SubAccountId);
        }

        await grants.InstallAgencyAsync(grant, state.AdminId, now, cancellationToken);
        logger.LogInformation("GoHighLevel agency {CompanyId} installed the app with {Locations} approved locations", grant.CompanyId,
            grant.ApprovedLocations.Count);
        return new GhlConnectOutcome(GhlConnectResult.AgencyInstalled, state.SubAccountId, CompanyId: grant.CompanyId);
    }
}
