using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// The shape the codebase was refactored into, kept by tests: modules call each other without cycles, every
/// Application file holds one use case (at most one handler), and no source file outgrows easy reading.
/// </summary>
public sealed partial class StructureTests
{
    private static readonly string[] Modules = ["Access", "Audit", "Templates", "Integrations", "GoHighLevel", "Webhooks", "Tenancy", "Leads", "Outbound"];

    private static readonly Assembly Domain = typeof(Domain.Common.Entity).Assembly;
    private static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;

    [TestCase("IntegrationHub.Domain")]
    [TestCase("IntegrationHub.Application")]
    public void Modules_depend_on_each_other_without_cycles(string layer)
    {
        var assembly = layer.EndsWith("Domain", StringComparison.Ordinal) ? Domain : Application;
        var present = Modules.Where(m => Types.InAssembly(assembly).That().ResideInNamespace($"{layer}.{m}").GetTypes().Any()).ToList();
        present.Should().HaveCountGreaterThan(3, "the scan found the modules");

        var edges = present.ToDictionary(m => m, m => present.Where(other => other != m && DependsOn(assembly, $"{layer}.{m}", $"{layer}.{other}")).ToList());
        var cycle = FindCycle(edges);
        cycle.Should().BeNull("modules call each other through events or a small public surface, never in a circle: {0}",
            cycle is null ? "" : string.Join(" -> ", cycle));
    }

    [Test]
    public void The_cycle_check_finds_a_cycle()
    {
        FindCycle(new() { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"] }).Should().Equal("A", "B", "C", "A");
        FindCycle(new() { ["A"] = ["B"], ["B"] = ["C"], ["C"] = [] }).Should().BeNull();
        DependsOn(Application, "IntegrationHub.Application.GoHighLevel", "IntegrationHub.Application.Integrations").Should().BeTrue();
    }

    [Test]
    public void Application_modules_use_only_their_own_tables_and_the_declared_arrows()
    {
        var violations = ModuleMap.Hub.Check(Application, "IntegrationHub.Application");
        string.Join(Environment.NewLine, violations).Should().BeEmpty("a module reads another's tables through a port the owner publishes, writes them through events, "
            + "and uses other modules (Application and Domain) only along the arrows of ADR 0005");
    }

    [Test]
    public void The_declared_module_arrows_have_no_cycle()
    {
        ModuleMap.Hub.Arrows.Keys.Should().BeEquivalentTo(Modules);
        ModuleMap.Hub.Tables.Values.SelectMany(t => t).Should().OnlyHaveUniqueItems("a table has one owner")
            .And.BeEquivalentTo(typeof(Application.Common.Interfaces.IAppDbContext).GetProperties().Select(p => p.Name), "every table has an owner");
        FindCycle(ModuleMap.Hub.Arrows.ToDictionary(a => a.Key, a => a.Value.ToList())).Should().BeNull();
    }

    [TestCase("Leads uses table Users (IntegrationHub.Architecture.Tests.Planted.Leads.ReadsTenancyUsers)")]
    [TestCase("Templates uses module Integrations (IntegrationHub.Architecture.Tests.Planted.Templates.UsesIntegrationsModule)")]
    [TestCase("Outbound uses domain Leads (IntegrationHub.Architecture.Tests.Planted.Outbound.UsesLeadDomain)")]
    public void The_module_check_finds_a_planted_violation(string planted)
    {
        var violations = ModuleMap.Hub.Check(typeof(StructureTests).Assembly, "IntegrationHub.Architecture.Tests.Planted");
        violations.Should().Contain(planted);
        violations.Should().HaveCount(3, "each planted type breaks exactly one rule: {0}", string.Join("; ", violations));
    }

    [Test]
    public void The_table_scan_sees_reads_inside_async_methods_and_lambdas()
    {
        // GetLeadMessages reads its table inside an async method (a compiler-generated state machine); the planted Tenancy type
        // names Strategies only in a subquery, inside a LINQ expression tree.
        ModuleMap.Hub.TableUses(Application, "IntegrationHub.Application")
            .Should().Contain(("Leads", "LeadMessages", "IntegrationHub.Application.Leads.GetLeadMessagesHandler"));
        ModuleMap.Hub.TableUses(typeof(StructureTests).Assembly, "IntegrationHub.Architecture.Tests.Planted")
            .Should().Contain(("Tenancy", "Strategies", "IntegrationHub.Architecture.Tests.Planted.Tenancy.ReadsStrategiesInASubquery"));
    }

    [Test]
    public void Infrastructure_webhooks_know_no_connector_module()
    {
        // The webhook walk (Web/Endpoints, Application/Webhooks, Application/Leads, Domain, Infrastructure/Webhooks) stays
        // out of GoHighLevel: what the routes need of a connector's config comes through Webhooks' IUnsignedWebhookOptIn.
        var result = Types.InAssembly(typeof(Infrastructure.DependencyInjection).Assembly).That().ResideInNamespace("IntegrationHub.Infrastructure.Webhooks")
            .ShouldNot().HaveDependencyOn("IntegrationHub.Application.GoHighLevel").GetResult();
        result.IsSuccessful.Should().BeTrue("these types break the rule: {0}", string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Test]
    public void Every_application_file_holds_at_most_one_handler()
    {
        var files = SourceFiles("src/Application");
        files.Should().HaveCountGreaterThan(40);
        foreach (var file in files)
        {
            var handlers = HandlerClass().Matches(File.ReadAllText(file)).Count;
            handlers.Should().BeLessThanOrEqualTo(1, $"{Path.GetFileName(file)} holds one use case");
        }
    }

    [Test]
    public void No_source_file_outside_migrations_is_over_250_lines()
    {
        var tooLong = SourceFiles("src")
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 250)
            .Select(f => $"{Path.GetFileName(f.File)} ({f.Lines})");
        tooLong.Should().BeEmpty();
    }

    private static bool DependsOn(Assembly assembly, string module, string other) =>
        !Types.InAssembly(assembly).That().ResideInNamespace(module).ShouldNot().HaveDependencyOn(other).GetResult().IsSuccessful;

    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        var path = new List<string>();
        foreach (var start in edges.Keys)
        {
            if (Visit(start) is { } found)
            {
                return found;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static List<string> SourceFiles(string folder)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IntegrationHub.sln")))
        {
            root = root.Parent;
        }

        root.Should().NotBeNull("the tests run inside the repository");
        return Directory.GetFiles(Path.Combine(root!.FullName, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>A class declaration whose base list names a Mediator handler interface.</summary>
    [GeneratedRegex(@"\bclass\s+\w+[^{;]*?:[^{;]*?\b(ICommandHandler|IQueryHandler|IRequestHandler|INotificationHandler)<", RegexOptions.Singleline)]
    private static partial Regex HandlerClass();
}
