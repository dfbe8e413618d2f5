using IntegrationHub.Domain.Common;
using FluentValidation;
using IntegrationHub.Domain.Access;
using IntegrationHub.Application.Common.Validation;

namespace IntegrationHub.Application.Access;

public sealed record CreateAdminCommand(string? Email, string? Name) : ICommand<AdminCreatedDto>;

public sealed record AdminCreatedDto(int Id, string Email, string Name, string Token);

public sealed class CreateAdminCommandValidator : AbstractValidator<CreateAdminCommand>
{
    public CreateAdminCommandValidator()
    {
        RuleFor(x => x.Email).NotEmpty().EmailAddressByHubRule().MaximumLength(FieldLengths.Email);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(FieldLengths.Name);
    }
}

public sealed class CreateAdminHandler(IAppDbContext db, IAccessTokens tokens, TimeProvider clock)
    : ICommandHandler<CreateAdminCommand, AdminCreatedDto>
{
    public async ValueTask<AdminCreatedDto> Handle(CreateAdminCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email!.Trim().ToLowerInvariant();
        if (await db.AdminUsers.AnyAsync(a => a.Email == email, cancellationToken))
        {
            throw new ConflictException("An admin with that email already exists.");
        }

        var (token, hash) = tokens.Issue();
        var admin = AdminUser.Create(email, command.Name!, hash, clock.GetUtcNow().UtcDateTime);
        db.AdminUsers.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        return new AdminCreatedDto(admin.Id, admin.Email, admin.Name, token);
    }
}
