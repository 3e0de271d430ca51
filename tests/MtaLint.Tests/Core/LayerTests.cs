using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Core;

/// <summary>
/// The edges of DESIGN.md's stages, read from the source: Text is the bottom layer and names no
/// other stage; Reporting turns findings into text and names neither Workspace (walks, writes) nor
/// Probe (sockets), so a format cannot come to depend on how a run found or wrote its files.
/// </summary>
public sealed partial class LayerTests
{
    public static TheoryData<string, string[]> Edges() => new()
    {
        { "Text", ["Syntax", "Model", "Dialects", "Rules", "Fixes", "Policy", "Reporting", "Workspace", "Probe"] },
        { "Reporting", ["Workspace", "Probe"] },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void A_stage_names_nothing_of_the_stages_it_must_not_depend_on(string stage, string[] forbidden)
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "src", "MtaLint", stage);
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(files);
        var reference = new Regex($@"\b(?:MtaLint\.)?(?:{string.Join('|', forbidden)})\.[A-Z]");
        var found = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Comment().Replace(lines[i], string.Empty);
                if (reference.IsMatch(code) || UsingOf().Match(code) is { Success: true } u && forbidden.Contains(u.Groups[1].Value))
                {
                    found.Add($"{Path.GetRelativePath(TestPaths.RepoRoot, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, $"{stage} names what it must not depend on ({string.Join(", ", forbidden)}):\n{string.Join('\n', found)}");
    }

    [Fact]
    public void The_check_sees_a_qualified_name_and_a_using()
    {
        // What the theory looks for, on lines that once stood in Reporting.
        var reference = new Regex(@"\b(?:MtaLint\.)?(?:Workspace|Probe)\.[A-Z]");
        Assert.Matches(reference, "    Workspace.RunMode Mode = Workspace.RunMode.Check,");
        Assert.Equal("Workspace", UsingOf().Match("using MtaLint.Workspace;").Groups[1].Value);
        Assert.Equal(string.Empty, Comment().Replace("/// <summary>see Workspace.LintedTree</summary>", string.Empty));
    }

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?MtaLint\.(\w+)")]
    private static partial Regex UsingOf();

    [GeneratedRegex(@"//.*$")]
    private static partial Regex Comment();
}
