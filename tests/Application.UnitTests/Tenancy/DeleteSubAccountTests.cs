using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Application.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Tenancy;

/// <summary>DeleteSubAccount: refused while integrations exist (asked through <see cref="ISubAccountIntegrations"/>).</summary>
public sealed class DeleteSubAccountTests : DatabaseTests
{
    private ISubAccountIntegrations _integrations = null!;

    [SetUp]
    public void CreateSubstitutes()
    {
        _integrations = Substitute.For<ISubAccountIntegrations>();
    }

    [Test]
    public async Task A_sub_account_with_integrations_is_refused_and_kept()
    {
        var subAccount = await AddSubAccount();
        _integrations.CountForSubAccountAsync(subAccount.Id, Arg.Any<CancellationToken>()).Returns(2);

        var delete = () => new DeleteSubAccountHandler(Db, _integrations)
            .Handle(new DeleteSubAccountCommand(subAccount.Id), CancellationToken.None).AsTask();

        await delete.Should().ThrowAsync<ConflictException>().WithMessage("The sub-account has 2 integration(s); delete them first.");
        (await Saved().SubAccounts.AnyAsync(s => s.Id == subAccount.Id)).Should().BeTrue();
    }

    [Test]
    public async Task A_sub_account_without_integrations_is_deleted()
    {
        var subAccount = await AddSubAccount();
        _integrations.CountForSubAccountAsync(subAccount.Id, Arg.Any<CancellationToken>()).Returns(0);

        await new DeleteSubAccountHandler(Db, _integrations).Handle(new DeleteSubAccountCommand(subAccount.Id), CancellationToken.None);

        (await Saved().SubAccounts.AnyAsync()).Should().BeFalse();
    }
}
