using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Tenancy;
using MapsterMapper;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Leads;

/// <summary>CreateLead: only a tenant user creates leads by hand; the lead is that user's, with their first strategy and the sub-account's time zone.</summary>
public sealed class CreateLeadTests : DatabaseTests
{
    private static CreateLeadCommand Command(string? timezone = null) =>
        new("Ada Lovelace", null, null, null, null, null, null, null, null, null, null, timezone, null, null);

    private CreateLeadHandler Handler(ICurrentUser caller) => new(Db, new TenantDirectory(Db), caller, new Mapper(MappingConfig.Create()), Clock);

    [Test]
    public async Task An_admin_is_forbidden_and_nothing_is_stored()
    {
        var admin = Substitute.For<ICurrentUser>();
        admin.IsAdmin.Returns(true);
        admin.AdminId.Returns(1);

        var create = () => Handler(admin).Handle(Command(), CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<ForbiddenException>();
        (await Saved().Leads.AnyAsync()).Should().BeFalse();
    }

    [Test]
    public async Task A_tenant_lead_is_assigned_to_the_user_and_first_strategy_in_the_sub_account_time_zone()
    {
        var subAccount = await AddSubAccount();
        var user = await AddUser(subAccount.Id);
        var first = await Add(Strategy.Create(user.Id, "First", Now));
        await Add(Strategy.Create(user.Id, "Second", Now));
        var tenant = Substitute.For<ICurrentUser>();
        tenant.UserId.Returns(user.Id);
        tenant.SubAccountId.Returns(subAccount.Id);

        await Handler(tenant).Handle(Command(), CancellationToken.None);

        var lead = await Saved().Leads.SingleAsync();
        lead.RegularUserId.Should().Be(user.Id);
        lead.StrategyId.Should().Be(first.Id);
        lead.Timezone.Should().Be("America/Chicago");
        lead.Source.Should().Be("manual");
    }
}
