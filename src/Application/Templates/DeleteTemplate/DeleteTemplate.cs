using System.Text.Json;
using FluentValidation;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

public sealed record DeleteTemplateCommand(int Id) : ICommand;

public sealed class DeleteTemplateHandler(IAppDbContext db, IIntegrationUsage usage) : ICommandHandler<DeleteTemplateCommand>
{
    public async ValueTask<Unit> Handle(DeleteTemplateCommand command, CancellationToken cancellationToken)
    {
        var template = await db.IntegrationTemplates.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Integration template", command.Id);
        var inUse = await usage.CountForTemplateAsync(template.Id, cancellationToken);
        if (inUse > 0)
        {
            throw new ConflictException($"The template is used by {inUse} integration(s); delete them first.");
        }

        db.IntegrationTemplates.Remove(template);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
