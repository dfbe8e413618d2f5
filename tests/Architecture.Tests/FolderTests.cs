using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// Where things live (ADR 0005, Layout): in Application the namespace is the module and a folder is a use case, so a
/// reader finds a use case by its name; Infrastructure/Jobs holds Hangfire adapters only, the rules being the modules'.
/// Each rule is also run on a planted violation, so a checker that sees nothing cannot pass.
/// </summary>
public sealed partial class FolderTests
{
    private static readonly string[] Modules = ["Access", "Audit", "Templates", "Integrations", "GoHighLevel", "Webhooks", "Tenancy", "Leads", "Outbound"];

    private static readonly string[] NotForAdapters = ["IntegrationHub.Domain", "IntegrationHub.Application.Common.Interfaces.IAppDbContext"];

    [Test]
    public void Every_command_or_query_handler_lives_in_a_folder_named_after_its_use_case()
    {
        var root = Repository.Root();
        var application = Path.Combine(root, "src", "Application");
        var files = Directory.GetFiles(application, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(application, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Select(f => (Path: f, Text: File.ReadAllText(Path.Combine(application, f))))
            .ToList();
        files.Count(f => UseCaseHandler().IsMatch(f.Text)).Should().BeGreaterThan(40, "the scan found the handlers");

        MisplacedUseCases(files).Should().BeEmpty("a use case is <Module>/<UseCase>/<UseCase>.cs (or <Module>/<Theme>/<UseCase>/<UseCase>.cs)");
    }

    [Test]
    public void The_folder_check_finds_a_misplaced_use_case()
    {
        const string handler = "public sealed class CreateLeadHandler(IAppDbContext db) : ICommandHandler<CreateLeadCommand, LeadDto>";
        MisplacedUseCases([
            ("Leads/CreateLead.cs", handler),                       // flat in its module
            ("Leads/Ports/CreateLead.cs", handler),                 // in a folder not named after it
            ("Leads/CreateLead/Deeper/CreateLead/CreateLead.cs", handler), // too deep to find
            ("Unknown/CreateLead/CreateLead.cs", handler),          // outside the modules
            ("Leads/CreateLead/CreateLead.cs", handler),
            ("GoHighLevel/ContactSync/ReconcileContactSyncs/ReconcileContactSyncs.cs", handler),
            ("Leads/EventHandlers/LeadLog.cs", "public sealed class LeadLog : INotificationHandler<LeadCreated>"),
            ("Leads/Ports/LeadUpserter.cs", "public sealed class LeadUpserter(IAppDbContext db)"),
        ]).Should().Equal("Leads/CreateLead.cs", "Leads/Ports/CreateLead.cs", "Leads/CreateLead/Deeper/CreateLead/CreateLead.cs",
            "Unknown/CreateLead/CreateLead.cs");
    }

    [Test]
    public void Jobs_are_adapters_that_leave_the_rules_to_the_modules()
    {
        var infrastructure = typeof(Infrastructure.Jobs.RecurringJobs).Assembly;
        Types.InAssembly(infrastructure).That().ResideInNamespace("IntegrationHub.Infrastructure.Jobs").GetTypes()
            .Should().HaveCountGreaterThan(5, "the scan found the jobs");

        RuleHolders(infrastructure, "IntegrationHub.Infrastructure.Jobs").Should().BeEmpty(
            "a job sends a module's command or uses its service; which rows, which rules, is the module's (Domain and IAppDbContext are theirs)");
    }

    [Test]
    public void The_adapter_check_finds_a_job_that_holds_rules()
    {
        RuleHolders(typeof(FolderTests).Assembly, typeof(PlantedJobs.RuleHoldingJob).Namespace!)
            .Should().BeEquivalentTo("RuleHoldingJob", "DomainReadingJob");
    }

    private static List<string> MisplacedUseCases(IEnumerable<(string Path, string Text)> files) =>
        files.Where(f => UseCaseHandler().IsMatch(f.Text) && !IsInUseCaseFolder(f.Path)).Select(f => f.Path).ToList();

    /// <summary><c>Module/UseCase/UseCase.cs</c>, or one theme folder between (<c>GoHighLevel/ContactSync/…</c>).</summary>
    private static bool IsInUseCaseFolder(string path)
    {
        var parts = path.Split('/');
        return parts.Length is 3 or 4 && Modules.Contains(parts[0]) && parts[^2] == Path.GetFileNameWithoutExtension(parts[^1]);
    }

    private static List<string> RuleHolders(Assembly assembly, string jobsNamespace) =>
        Types.InAssembly(assembly).That().ResideInNamespace(jobsNamespace).ShouldNot().HaveDependencyOnAny(NotForAdapters)
            .GetResult().FailingTypes?.Select(t => t.Name).ToList() ?? [];

    /// <summary>A class declaration whose base list names a Mediator command or query handler (not a notification handler).</summary>
    [GeneratedRegex(@"\bclass\s+\w+[^{;]*?:[^{;]*?\b(ICommandHandler|IQueryHandler|IRequestHandler)<", RegexOptions.Singleline)]
    private static partial Regex UseCaseHandler();
}
