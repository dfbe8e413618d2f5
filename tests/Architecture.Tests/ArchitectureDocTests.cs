using System.Text.RegularExpressions;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// docs/architecture.md draws the module map the other tests enforce; these keep the drawing and the table equal to
/// <see cref="ModuleMap.Hub"/>, so the page cannot drift from the code. (Its file paths are checked by
/// <see cref="DocumentationLinksTests"/>.)
/// </summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "architecture.md"));

    [Test]
    public void The_module_graph_draws_exactly_the_allowed_arrows()
    {
        Arrows(Page).Should().BeEquivalentTo(DeclaredArrows());
    }

    [Test]
    public void The_module_table_lists_exactly_the_tables_each_module_owns()
    {
        OwnedTables(Page).Should().BeEquivalentTo(ModuleMap.Hub.Tables.ToDictionary(t => t.Key, t => t.Value.Order().ToArray()));
    }

    [Test]
    public void The_checks_notice_a_page_that_drifted()
    {
        var drifted = Page.Replace("    Leads --> Webhooks\n", "", StringComparison.Ordinal)
            .Replace("| Leads | Leads, LeadMessages, LeadTags, Bookings |", "| Leads | Leads |", StringComparison.Ordinal);
        drifted.Should().NotBe(Page, "the planted drift must change the page");
        Arrows(drifted).Should().NotBeEquivalentTo(DeclaredArrows());
        OwnedTables(drifted)["Leads"].Should().Equal("Leads");
    }

    private static List<string> DeclaredArrows() =>
        ModuleMap.Hub.Arrows.SelectMany(a => a.Value.Select(to => $"{a.Key}->{to}")).ToList();

    private static List<string> Arrows(string page)
    {
        var graph = page[page.IndexOf("```mermaid", StringComparison.Ordinal)..];
        graph = graph[..graph.IndexOf("```", 3, StringComparison.Ordinal)];
        return Edge().Matches(graph).Select(m => $"{m.Groups["from"].Value}->{m.Groups["to"].Value}").ToList();
    }

    private static Dictionary<string, string[]> OwnedTables(string page) =>
        TableRow().Matches(page)
            .Where(m => ModuleMap.Hub.Tables.ContainsKey(m.Groups["module"].Value))
            .ToDictionary(m => m.Groups["module"].Value,
                m => m.Groups["tables"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order().ToArray());

    [GeneratedRegex(@"^\s*(?<from>\w+)\s*-->\s*(?<to>\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Edge();

    [GeneratedRegex(@"^\| (?<module>\w+) \| (?<tables>[\w, ]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
