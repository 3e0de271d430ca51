using System.Text.RegularExpressions;
using MtaLint.Dialects;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Core;

/// <summary>
/// The layers of ARCHITECTURE.md, read from the source: every <c>using MtaLint.X</c> and every name
/// qualified with a layer (<c>Syntax.Postfix.MainCfParser</c>) must point to the layer itself or to one
/// it may name. Data flows Syntax → Model → Rules → Fixes → Reporting; Text is below everything,
/// Dialects joins Syntax and Model, the Engine runs a dialect and the rules, the CLI is on top.
/// A rule sees only the common model, and only a dialect's own Syntax and Model namespaces (and
/// Dialects) name them.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Each layer and the layers it may name besides itself; its sub-namespaces (Rules.Tls, Model.Postfix) are part of it.</summary>
    private static readonly Dictionary<string, string[]> MayName = new(StringComparer.Ordinal)
    {
        ["Text"] = [],
        ["Syntax"] = ["Text"],
        ["Model"] = ["Text", "Syntax"],
        ["Dialects"] = ["Text", "Syntax", "Model"],
        ["Rules"] = ["Text", "Model"],
        ["Probe"] = ["Text", "Model"],
        ["Engine"] = ["Text", "Model", "Dialects", "Rules"],
        ["Policy"] = ["Text", "Model", "Dialects", "Rules", "Engine"],
        ["Fixes"] = ["Text", "Model", "Dialects", "Rules", "Engine"],
        ["Reporting"] = ["Text", "Model", "Rules", "Engine", "Fixes"],
        ["Workspace"] = ["Text", "Model", "Dialects", "Rules", "Engine", "Policy", "Fixes"],
        ["Cli"] = ["Text", "Model", "Dialects", "Rules", "Engine", "Policy", "Fixes", "Probe", "Reporting", "Workspace"],
    };

    /// <summary>The sub-namespace each dialect has in Syntax and Model (<c>Syntax.Postfix</c>, <c>Model.Postfix</c>): from the registry, so a new dialect is held too.</summary>
    private static readonly string[] DialectNamespaces = DialectRegistry.All.Select(d => char.ToUpperInvariant(d.Name[0]) + d.Name[1..]).ToArray();

    public static TheoryData<string> Layers() => new(MayName.Keys);

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_names_only_itself_and_the_layers_it_may_use(string layer)
    {
        var files = Source.Files.Where(f => f.Layer == layer).ToArray();
        Assert.NotEmpty(files);
        var found = files.SelectMany(f => f.References).Where(r => !Allowed(layer, r.Namespace)).ToArray();
        Assert.True(found.Length == 0,
            $"{layer} may name only {string.Join(", ", MayName[layer].Prepend(layer))}:\n{string.Join('\n', found.Select(r => r.ToString()))}");
    }

    [Fact]
    public void Only_a_dialects_own_syntax_and_model_and_the_dialect_name_their_namespaces()
    {
        var found = Source.Files
            .SelectMany(f => f.References.Select(r => (f.Namespace, Reference: r)))
            .Where(x => DialectOf(x.Reference.Namespace) is { } dialect && x.Namespace != "Dialects" && DialectOf(x.Namespace) != dialect)
            .Select(x => $"{x.Namespace}: {x.Reference}")
            .ToArray();
        Assert.True(found.Length == 0, $"a rule, the engine and the other stages see only the common model:\n{string.Join('\n', found)}");
    }

    [Fact]
    public void Every_folder_of_the_source_is_a_layer_the_table_places()
    {
        var folders = Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "src", "MtaLint"))
            .Select(Path.GetFileName)
            .Where(n => n is not ("obj" or "bin"))
            .Append("Cli");
        Assert.Equal(MayName.Keys.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
        Assert.All(Source.Files, f => Assert.True(f.Namespace.Split('.')[0] == f.Layer, $"{f.Path}: namespace MtaLint.{f.Namespace} is not in its folder's layer {f.Layer}"));
        Assert.Contains(Source.Files, f => DialectOf(f.Namespace) is not null);
    }

    /// <summary>What the checks look for, on lines like those they must catch (a <c>using</c> added to a rule once) and those they must not.</summary>
    [Theory]
    [InlineData("Rules", "using MtaLint.Syntax.Postfix;", "Syntax.Postfix")]
    [InlineData("Rules", "using MtaLint.Dialects;", "Dialects")]
    [InlineData("Rules", "    var p = Model.Postfix.PostfixDefaults.Instance;", "Model.Postfix")]
    [InlineData("Syntax", "using MtaLint.Model;", "Model")]
    [InlineData("Model", "using static MtaLint.Rules.RuleCatalog;", "Rules")]
    [InlineData("Reporting", "    Workspace.RunMode Mode = Workspace.RunMode.Check,", "Workspace")]
    [InlineData("Reporting", "global using MtaLint.Workspace;", "Workspace")]
    public void The_check_sees_a_using_and_a_qualified_name(string layer, string line, string target)
    {
        var references = SourceFile.Read("x.cs", layer, $"namespace MtaLint.{layer};\n{line}\n").References;
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Equal(target, r.Namespace));
        Assert.All(references, r => Assert.False(Allowed(layer, r.Namespace) && DialectOf(r.Namespace) is null, $"{r} passes"));
    }

    [Theory]
    [InlineData("/// <summary>see <see cref=\"Workspace.LintedTree\"/></summary>")]
    [InlineData("    var json = new System.Text.Json.JsonSerializerOptions(); // Workspace.RunMode")]
    [InlineData("    var s = \"Workspace.RunMode\";")]
    [InlineData("    var n = file.Model.Count + config.Workspace.Length;")]
    public void The_check_passes_over_comments_strings_and_members(string line)
    {
        Assert.Empty(SourceFile.Read("x.cs", "Reporting", $"namespace MtaLint.Reporting;\n{line}\n").References);
    }

    private static bool Allowed(string layer, string ns)
    {
        var target = ns.Split('.')[0];
        return target == layer || MayName[layer].Contains(target);
    }

    /// <summary>The dialect a namespace belongs to (<c>Model.Postfix</c>: Postfix), or null for a common one.</summary>
    private static string? DialectOf(string ns) => ns.Split('.') is [_, var sub, ..] && DialectNamespaces.Contains(sub) ? sub : null;

    /// <summary>A namespace of mtalint named in a file, and where.</summary>
    private sealed record Reference(string Path, int Line, string Namespace, string Text)
    {
        public override string ToString() => $"{Path}:{Line}: {Text} (names {Namespace})";
    }

    private sealed partial record SourceFile(string Path, string Layer, string Namespace, IReadOnlyList<Reference> References)
    {
        /// <summary>The layer names a reference can start with.</summary>
        private static readonly string Layers = string.Join('|', MayName.Keys);

        /// <summary>
        /// <c>MtaLint.X.Y</c>, or <c>X.Y</c> where X is a layer and nothing before it is a name (so
        /// <c>System.Text.Json</c> and <c>config.Model</c> are not references).
        /// </summary>
        private static readonly Regex Qualified = new($@"(?:\bMtaLint\.|(?<![\w.@]))(?<ns>(?:{Layers})(?:\.[A-Za-z_]\w*)+)", RegexOptions.CultureInvariant);

        public static SourceFile Read(string path, string layer, string text)
        {
            var own = NamespaceDeclaration().Match(text) is { Success: true } m ? m.Groups["ns"].Value : layer;
            var references = new List<Reference>();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Comment().Replace(StringLiteral().Replace(CharLiteral().Replace(lines[i], "' '"), "\"\""), string.Empty);
                IEnumerable<string> named = UsingDirective().Match(code) is { Success: true } u
                    ? [u.Groups["ns"].Value]
                    : Qualified.Matches(code).Select(q => q.Groups["ns"].Value);
                foreach (var name in named)
                {
                    var ns = Resolve(name);
                    if (ns != own && !code.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
                    {
                        references.Add(new Reference(path, i + 1, ns, lines[i].Trim()));
                    }
                }
            }

            return new SourceFile(path, layer, own, references);
        }

        /// <summary>The namespace a qualified name is in: its longest prefix that is a namespace of the source (<c>Model.Postfix.PostfixDefaults</c>: Model.Postfix).</summary>
        private static string Resolve(string name)
        {
            var parts = name.Split('.');
            for (var n = parts.Length; n > 1; n--)
            {
                var prefix = string.Join('.', parts[..n]);
                if (Source.Namespaces.Contains(prefix))
                {
                    return prefix;
                }
            }

            return parts[0];
        }

        [GeneratedRegex(@"^namespace\s+MtaLint\.(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
        private static partial Regex NamespaceDeclaration();

        [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?MtaLint\.(?<ns>[\w.]+)\s*;")]
        private static partial Regex UsingDirective();

        [GeneratedRegex(@"'(?:[^'\\]|\\.)+'")]
        private static partial Regex CharLiteral();

        [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
        private static partial Regex StringLiteral();

        [GeneratedRegex(@"//.*$")]
        private static partial Regex Comment();
    }

    /// <summary>The source of the library (src/MtaLint/LAYER/...) and of the CLI (src/MtaLint.Cli, layer Cli).</summary>
    private static class Source
    {
        private static readonly Lazy<(string Path, string Layer, string Text)[]> Texts = new(() =>
        {
            var library = Path.Combine(TestPaths.RepoRoot, "src", "MtaLint");
            return CodeFiles(library).Select(p => (p, Path.GetRelativePath(library, p).Split(Path.DirectorySeparatorChar)[0]))
                .Concat(CodeFiles(Path.Combine(TestPaths.RepoRoot, "src", "MtaLint.Cli")).Select(p => (p, "Cli")))
                .Select(x => (Path.GetRelativePath(TestPaths.RepoRoot, x.Item1), x.Item2, File.ReadAllText(x.Item1)))
                .ToArray();
        });

        private static readonly Lazy<HashSet<string>> Declared = new(() => Texts.Value
            .SelectMany(t => Regex.Matches(t.Text, @"^namespace\s+MtaLint\.([\w.]+)\s*;", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal));

        private static readonly Lazy<SourceFile[]> Parsed = new(() => Texts.Value.Select(t => SourceFile.Read(t.Path, t.Layer, t.Text)).ToArray());

        /// <summary>Every namespace the source declares (<c>Rules.Tls</c>, <c>Model.Postfix</c>).</summary>
        public static IReadOnlySet<string> Namespaces => Declared.Value;

        public static IReadOnlyList<SourceFile> Files => Parsed.Value;

        private static IEnumerable<string> CodeFiles(string folder) =>
            Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"));
    }
}
