using System.Text.Json;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Leads;
using MapsterMapper;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Leads;

/// <summary>EditLead: a lead changed by someone else since it was read is not overwritten; the edit is a 409 and saves nothing.</summary>
public sealed class EditLeadTests : DatabaseTests
{
    [Test]
    public async Task A_lead_committed_by_someone_else_after_it_was_read_is_a_conflict_and_keeps_their_change()
    {
        var subAccount = await AddSubAccount();
        var lead = await Add(Lead.Create(subAccount.Id, null, null, new ContactDetails { FirstName = "Ada" }, null, "contact-1", Now));
        await Db.Leads.SingleAsync(l => l.Id == lead.Id); // The handler's context read it before the other change.
        await using (var other = Saved())
        {
            await other.Database.ExecuteSqlAsync($"""UPDATE "Leads" SET "City" = 'Paris', "Version" = "Version" + 1 WHERE "Id" = {lead.Id}""");
        }

        var admin = Substitute.For<ICurrentUser>();
        admin.IsAdmin.Returns(true);
        var changes = LeadChanges.Read(JsonDocument.Parse("""{"lastName":"Lovelace"}""").RootElement);
        var edit = () => new EditLeadHandler(Db, admin, new Mapper(MappingConfig.Create()), Clock)
            .Handle(new EditLeadCommand(lead.Id, changes), CancellationToken.None).AsTask();

        (await edit.Should().ThrowAsync<ConflictException>()).WithMessage("*changed at the same moment*");
        var saved = await Saved().Leads.SingleAsync();
        saved.City.Should().Be("Paris");
        saved.LastName.Should().BeNull();
    }
}
