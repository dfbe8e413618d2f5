using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Leads;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Leads;

/// <summary>CountLeadsPerDay: leads by the UTC day they were created, every day listed, a tenant counting only its own.</summary>
public sealed class CountLeadsPerDayTests : DatabaseTests
{
    private static ICurrentUser Admin()
    {
        var admin = Substitute.For<ICurrentUser>();
        admin.IsAdmin.Returns(true);
        return admin;
    }

    private static ICurrentUser TenantOf(int subAccountId)
    {
        var tenant = Substitute.For<ICurrentUser>();
        tenant.SubAccountId.Returns(subAccountId);
        return tenant;
    }

    private Task<Lead> LeadCreatedAt(int subAccountId, DateTime at) =>
        Add(Lead.Create(subAccountId, null, null, new ContactDetails { FirstName = "Ada" }, null, Guid.NewGuid().ToString("N"), at));

    private Task<IReadOnlyList<LeadsOnDay>> Count(ICurrentUser caller, int days = 3) =>
        new CountLeadsPerDayHandler(Db, caller, Clock).Handle(new CountLeadsPerDayQuery(days), CancellationToken.None).AsTask();

    [Test]
    public async Task Leads_fall_on_the_UTC_day_they_were_created_and_quiet_days_are_listed_as_zero()
    {
        // The clock reads 2026-12-01 12:00 UTC.
        var acme = await AddSubAccount();
        await LeadCreatedAt(acme.Id, new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)); // the first instant of the oldest day
        await LeadCreatedAt(acme.Id, new DateTime(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc));
        await LeadCreatedAt(acme.Id, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        await LeadCreatedAt(acme.Id, Now);
        await LeadCreatedAt(acme.Id, new DateTime(2026, 11, 28, 23, 59, 59, DateTimeKind.Utc)); // before the period

        (await Count(Admin())).Should().Equal(
            new LeadsOnDay(new DateOnly(2026, 11, 29), 1),
            new LeadsOnDay(new DateOnly(2026, 11, 30), 1),
            new LeadsOnDay(new DateOnly(2026, 12, 1), 2));
        (await Count(Admin(), days: 14)).Should().HaveCount(14).And.Subject.Last().Day.Should().Be(new DateOnly(2026, 12, 1));
    }

    [Test]
    public async Task An_admin_counts_every_sub_account_and_a_tenant_only_its_own()
    {
        var acme = await AddSubAccount("Acme");
        var globex = await AddSubAccount("Globex");
        await LeadCreatedAt(acme.Id, Now);
        await LeadCreatedAt(globex.Id, Now);
        await LeadCreatedAt(globex.Id, Now);

        (await Count(Admin()))[^1].Count.Should().Be(3);
        (await Count(TenantOf(acme.Id)))[^1].Count.Should().Be(1);
    }

    [TestCase(0)]
    [TestCase(CountLeadsPerDayQueryValidator.MaxDays + 1)]
    public void A_period_outside_one_to_the_maximum_is_refused(int days) =>
        new CountLeadsPerDayQueryValidator().Validate(new CountLeadsPerDayQuery(days)).IsValid.Should().BeFalse();
}
