using NetArchTest.Rules;

namespace IntegrationHub.Architecture.Tests;

public sealed class LayerTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(Domain.Common.Entity).Assembly;
    private static readonly System.Reflection.Assembly Application = typeof(Application.DependencyInjection).Assembly;

    [TestCase("Microsoft.EntityFrameworkCore")]
    [TestCase("Microsoft.AspNetCore")]
    [TestCase("Hangfire")]
    [TestCase("IntegrationHub.Application")]
    [TestCase("IntegrationHub.Infrastructure")]
    public void Domain_does_not_depend_on(string forbidden)
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        result.IsSuccessful.Should().BeTrue("these types break the rule: {0}", string.Join(", ", result.FailingTypeNames ?? []));
    }

    [TestCase("IntegrationHub.Infrastructure")]
    [TestCase("IntegrationHub.Web")]
    [TestCase("Microsoft.AspNetCore")]
    [TestCase("Hangfire")]
    [TestCase("Microsoft.EntityFrameworkCore.Sqlite")]
    [TestCase("Microsoft.EntityFrameworkCore.SqlServer")]
    public void Application_does_not_depend_on(string forbidden)
    {
        var result = Types.InAssembly(Application).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        result.IsSuccessful.Should().BeTrue("these types break the rule: {0}", string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Test]
    public void The_rule_does_detect_a_dependency()
    {
        // Guards the tests above against passing vacuously (e.g. an empty assembly scan).
        Types.InAssembly(Application).ShouldNot().HaveDependencyOn("IntegrationHub.Domain").GetResult().IsSuccessful.Should().BeFalse();
        Types.InAssembly(Application).That().HaveNameStartingWith("Create").And().HaveNameEndingWith("Handler").Should().HaveDependencyOn("Mediator")
            .GetResult().IsSuccessful.Should().BeTrue();
    }
}
