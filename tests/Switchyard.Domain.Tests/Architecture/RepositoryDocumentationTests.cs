using System.Text.RegularExpressions;

namespace Switchyard.Domain.Tests.Architecture;

/// <summary>
/// The repository explains itself (OPS-7): every rule id a test names is described in docs/rules.md,
/// the guides the README promises exist, and nothing points to files outside the repository.
/// </summary>
[Trait("rule", "OPS-7")]
public partial class RepositoryDocumentationTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Switchyard.slnx not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> Files(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)));

    [GeneratedRegex("""Trait\("rule",\s*"([A-Z]{2,4}-\d+)"\)""")]
    private static partial Regex RuleTrait();

    [GeneratedRegex(@"^\| ([A-Z]{2,4}-\d+) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRule();

    [Fact]
    public void EveryRuleNamedByATest_IsDescribedInTheRulesDocument()
    {
        var documented = DocumentedRule().Matches(File.ReadAllText(Path.Combine(Root, "docs", "rules.md")))
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var named = Files("tests", ".cs")
            .SelectMany(f => RuleTrait().Matches(File.ReadAllText(f)).Select(m => (Rule: m.Groups[1].Value, File: Path.GetFileName(f))))
            .ToList();

        Assert.NotEmpty(named);
        var undocumented = named.Where(n => !documented.Contains(n.Rule)).Select(n => $"{n.Rule} ({n.File})").Distinct().ToList();
        Assert.True(undocumented.Count == 0, "Rules named by tests but missing from docs/rules.md: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void RulesDocument_DescribesEachRuleOnce()
    {
        var ids = DocumentedRule().Matches(File.ReadAllText(Path.Combine(Root, "docs", "rules.md"))).Select(m => m.Groups[1].Value).ToList();
        Assert.True(ids.Count >= 80, $"docs/rules.md describes only {ids.Count} rules");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Readme_LinksTheGuides_AndTheyExist()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var guide in new[] { "docs/rules.md", "docs/api-guide.md", "docs/operations.md" })
        {
            Assert.Contains(guide, readme, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Root, guide)), guide + " is missing");
        }
    }

    [Fact]
    public void NothingInTheRepository_PointsOutsideIt()
    {
        // Built from parts so that this file does not match itself.
        var outside = ".." + "/shared";
        var offenders = new[] { "src", "tests", "docs", "scripts", "bench" }
            .Where(d => Directory.Exists(Path.Combine(Root, d)))
            .SelectMany(d => Files(d, ".cs", ".razor", ".md", ".json", ".sh", ".css"))
            .Append(Path.Combine(Root, "README.md"))
            .Where(f => File.ReadAllText(f).Contains(outside, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "These files point outside the repository: " + string.Join(", ", offenders));
    }
}
