using FluentValidation;
using IntegrationHub.Application.Integrations;
using MapsterMapper;

namespace IntegrationHub.Application.GoHighLevel;

/// <param name="SubAccountId">From the body; the company and location come from the route.</param>
public sealed record LinkInstallationLocationCommand(string CompanyId, string LocationId, int? SubAccountId) : ICommand<IntegrationDto>;

public sealed class LinkInstallationLocationCommandValidator : AbstractValidator<LinkInstallationLocationCommand>
{
    public LinkInstallationLocationCommandValidator() =>
        RuleFor(x => x.SubAccountId).NotNull().WithMessage("subAccountId is required.").GreaterThan(0);
}

/// <summary>
/// One location of an agency install becomes the sub-account's GoHighLevel integration (see <see cref="GhlInstallationLinks"/>):
/// 200 with the integration, active when its connection test passed.
/// </summary>
public sealed class LinkInstallationLocationHandler(GhlInstallationLinks links, ICurrentUser user, IMapper mapper)
    : ICommandHandler<LinkInstallationLocationCommand, IntegrationDto>
{
    public async ValueTask<IntegrationDto> Handle(LinkInstallationLocationCommand command, CancellationToken cancellationToken)
    {
        var installation = await links.LoadAsync(command.CompanyId, cancellationToken);
        var location = installation.Locations.FirstOrDefault(l => l.LocationId == command.LocationId)
            ?? throw new NotFoundException($"Location of GoHighLevel installation '{command.CompanyId}'", command.LocationId);
        var (integration, template) = await links.LinkAsync(installation, location, command.SubAccountId!.Value, user.AdminId, cancellationToken);
        return IntegrationDto.For(mapper, integration, TemplateLabel.Of(template), withHealth: true);
    }
}
