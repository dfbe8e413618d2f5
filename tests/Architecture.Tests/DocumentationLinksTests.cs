using System.Text.RegularExpressions;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// The README and docs/ stand on their own: every link, and every repository path they name in code style, resolves to
/// a file or folder inside a clone (a link into a sibling folder that only the authors have is a dead end for everyone
/// else), and every <c>#anchor</c> names a heading of its page.
/// </summary>
[TestFixture]
public sealed partial class DocumentationLinksTests
{
    private static readonly string Root = Repository.Root();

    private static IEnumerable<string> Pages() =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(Root, "deploy"), "*.md", SearchOption.AllDirectories));

    [Test]
    public void Every_markdown_link_resolves_inside_the_repository()
    {
        var broken = new List<string>();
        foreach (var page in Pages())
        {
            var text = File.ReadAllText(page);
            foreach (var target in MarkdownLink().Matches(text).Select(m => m.Groups["target"].Value))
            {
                if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                    || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue; // outside links cannot be checked from here (no network in the test run)
                }

                var (path, anchor) = target.Split('#', 2) is [var p, var a] ? (p, a) : (target, null);
                var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
                if (Problem(file, anchor) is { } problem)
                {
                    broken.Add($"{Relative(page)}: ({target}) {problem}");
                }
            }
        }

        broken.Should().BeEmpty();
    }

    [Test]
    public void Every_repository_path_named_in_code_style_exists()
    {
        var missing = new List<string>();
        foreach (var page in Pages())
        {
            foreach (Match match in CodePath().Matches(File.ReadAllText(page)))
            {
                var named = match.Groups["path"].Value.TrimEnd('.', ',', ':');
                if (named.IndexOfAny(['<', '{', '*', '$']) >= 0)
                {
                    continue; // a pattern such as Migrations/{Sqlite,...} or <DataDirectory>/..., not a path
                }

                // ../ is relative to the page; docs/... or deploy/... to the repository root, where the README's commands run.
                // (./data and the like are folders the service creates, not files of the repository.)
                var basis = named.StartsWith("../", StringComparison.Ordinal) ? Path.GetDirectoryName(page)! : Root;
                if (Problem(Path.GetFullPath(Path.Combine(basis, named)), anchor: null) is { } problem)
                {
                    missing.Add($"{Relative(page)}: `{named}` {problem}");
                }
            }
        }

        missing.Should().BeEmpty();
    }

    private static string? Problem(string fullPath, string? anchor)
    {
        if (!fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && fullPath != Root)
        {
            return "points outside the repository";
        }

        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            return "does not exist";
        }

        if (anchor is { Length: > 0 } && fullPath.EndsWith(".md", StringComparison.Ordinal)
            && !Heading().Matches(File.ReadAllText(fullPath)).Select(h => Slug(h.Groups["title"].Value)).Contains(anchor))
        {
            return "names no heading of that page";
        }

        return null;
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Slug(string heading) =>
        new string(heading.Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`(?<path>(?:\.\./|(?:docs|deploy|bench|src|tests|\.ci)/)[^`\s]*)`")]
    private static partial Regex CodePath();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
