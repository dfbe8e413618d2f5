using Bunit;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.AdminConsole;
using IntegrationHub.Web.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.ConsoleTests.Errors;

/// <summary>
/// What a console page shows when its action is refused: the error catalogue's words, the same as the API's problem,
/// so a race the API answers 409 reads as the conflict it is rather than as a server error.
/// </summary>
[TestFixture]
public sealed class ConsoleErrorTests
{
    private const string ServerError = "error on the server";

    private BunitContext _context = null!;

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        _context.Services.AddSingleton<IUniqueViolations, DatabaseUniqueViolations>();
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton<ErrorCatalogue>();
        // Never called: the page's action stands in for the mediator's command.
        _context.Services.AddSingleton(new ConsoleMediator(null!, null!, null!, new HttpContextAccessor()));
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private string AlertAfter(Func<Task> action)
    {
        var page = _context.Render<ActionPage>(p => p.Add(a => a.Action, action));
        page.Find("#act").Click();
        return page.Find("[role=alert]").TextContent;
    }

    [Test]
    public void A_unique_index_race_shows_as_the_conflict_the_api_answers_409()
    {
        var alert = AlertAfter(() => throw ProviderErrors.SqliteUniqueViolation());

        alert.Should().Contain(ErrorCatalogue.UniqueViolation.Detail).And.NotContain(ServerError);
    }

    [Test]
    public void A_conflict_shows_its_own_message()
    {
        var alert = AlertAfter(() => throw new ConflictException("An integration template named 'acme' already exists."));

        alert.Should().Contain("An integration template named 'acme' already exists.").And.NotContain(ServerError);
    }

    [Test]
    public void Validation_errors_show_beside_their_fields_and_in_the_summary()
    {
        var alert = AlertAfter(() => throw new ValidationException("name", "name must be a slug."));

        alert.Should().Contain("Some fields need attention:").And.Contain("name must be a slug.");
    }

    [Test]
    public void Any_other_database_failure_stays_a_server_error_whose_text_is_not_shown()
    {
        var alert = AlertAfter(() => throw ProviderErrors.SqliteNotNullViolation());

        alert.Should().Contain(ServerError).And.NotContain("NOT NULL");
    }
}
