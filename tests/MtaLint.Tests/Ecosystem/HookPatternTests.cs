using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MtaLint.Dialects;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;
using MtaLint.Workspace;
using YamlDotNet.RepresentationModel;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// The hooks' <c>files</c> pattern against what mtalint reads. pre-commit applies it with Python's
/// <c>re.search</c> to each staged path (relative, with <c>/</c>), so Python is the judge here, not .NET's
/// regex (the two differ on lookbehind, <c>$</c> before a final newline, inline flags...). The paths are
/// those of testdata/ and of the corpus as they lie in their own repositories (testdata/corpus/SOURCES.md):
/// the layouts of real config repositories.
/// </summary>
public sealed partial class HookPatternTests : IClassFixture<HookPatternTests.ConfigTree>
{
    /// <summary>Names next to configs in real repositories that mtalint does not read.</summary>
    public static readonly string[] Unrelated =
    [
        "README.md", ".pre-commit-config.yaml", "Makefile.in", "configure.ac", "src/configure.default", "scripts/deploy.sh",
        "postfix/sasl_passwd", "postfix/transport", "postfix/header_checks.pcre", "postfix/main.cfg", "postfix/main.cf~",
        "postfix/domain.cf", "postfix/virtual.cf", "mail/sendmail.cf", "mail/submit.cf", "mail/access", "mail/mcfiles.txt",
        "exim4/conf.d/main/02_exim4-config_options.dpkg-dist", "exim4/conf.d/README", "exim4/passwd.client", "exim4/conf.d/main/.hidden",
        "etc/apache2/conf.d/security.conf", "etc/nginx/nginx.conf", "roles/mail/templates/dovecot.conf.j2",
    ];

    /// <summary>Names mtalint reads that testdata and the corpus do not hold.</summary>
    public static readonly string[] MoreConfigs =
    [
        "roles/mail/templates/main.cf.j2", "modules/postfix/templates/main.cf.epp", "roles/mail/templates/master.cf.erb", "salt/postfix/files/main.cf.jinja",
        "exim4/exim4.conf.localmacros", "exim4/conf.d/router/200_exim4-config_primary", "exim4/conf.d/main/02_options.j2",
        "puppet/templates/exim4.conf.template.erb", "usr/exim/configure", "mail/Sendmail.MC", "postfix/MAIN.CF",
        "exim4/update-exim4.conf.conf", "roles/exim/templates/exim.conf.j2", "exim4/conf.d/main/15_sa-exim_plugin_path.rul",
    ];

    private readonly ConfigTree _tree;

    public HookPatternTests(ConfigTree tree) => _tree = tree;

    public static string Pattern()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"))));
        var patterns = ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>()
            .Select(m => ((YamlScalarNode)m.Children[new YamlScalarNode("files")]).Value!).Distinct().ToArray();
        return Assert.Single(patterns);
    }

    [Fact]
    public void Every_config_a_folder_walk_reads_is_matched()
    {
        var missed = _tree.Walked.Where(p => !_tree.Matched.Contains(p)).ToArray();
        Assert.True(missed.Length == 0, "not matched by the hooks' files pattern:\n" + string.Join("\n", missed));
        Assert.Contains("jprk/etckeeper.zolotarev/exim4/conf.d/main/02_exim4-config_options", _tree.Walked);
        Assert.Contains("norm/config-pubstandards/exim/configure", _tree.Walked);
        Assert.Contains("testdata/exim/default-banner.conf", _tree.Walked);
        Assert.Contains("FreifunkHochstift/ffho-salt-public/postfix/master.cf.H_mail.in.ffho.net", _tree.Walked);
    }

    [Fact]
    public void The_pattern_matches_exactly_the_names_a_dialect_can_recognise()
    {
        var paths = _tree.Files.Concat(Unrelated).Concat(MoreConfigs).Distinct().ToArray();
        var matched = PythonSearch(Pattern(), paths);
        var wrong = paths.Where((p, i) => matched[i] != RecognisableByName(p)).Select(p => $"{p}: matched {!RecognisableByName(p)}, a dialect reads it: {RecognisableByName(p)}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
        Assert.All(Unrelated, p => Assert.False(RecognisableByName(p), p));
        Assert.All(MoreConfigs, p => Assert.True(RecognisableByName(p), p));
    }

    [Fact]
    public void The_hook_entry_on_the_matched_files_finds_what_a_walk_finds()
    {
        // pre-commit passes the matched files as arguments; findings must not depend on that.
        var entry = ToolHookEntry();
        var named = _tree.Files.Where(_tree.Matched.Contains).Select(p => Path.Combine(_tree.Root, p)).ToArray();
        var hook = CliRunner.RunReal([.. entry, "--format", "json", .. named]);
        var walk = CliRunner.RunReal("--format", "json", _tree.Root);
        Assert.True(hook.ExitCode == walk.ExitCode, hook.Stderr);
        Assert.Equal(Findings(walk.Stdout), Findings(hook.Stdout));
        Assert.NotEmpty(Findings(walk.Stdout));
    }

    [Fact]
    public void Named_files_that_are_not_configs_are_skipped_with_the_hook_option_and_errors_without()
    {
        using var dir = new TempDir();
        var script = dir.Write("configure", "#!/bin/sh\necho configuring\n");
        var mc = dir.Write("messages.mc", "MessageId=1\nLanguage=English\n");
        var skipped = CliRunner.RunReal([.. ToolHookEntry(), script, mc]);
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains($"{script}: not a mail server config by its name or content, skipped", skipped.Stderr);
        var strict = CliRunner.RunReal(script);
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("not a mail server config mtalint recognises", strict.Stdout + strict.Stderr);
    }

    /// <summary>The hook's entry after the command name (mtalint's own options).</summary>
    private static string[] ToolHookEntry()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"))));
        var lint = ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>()
            .Single(m => ((YamlScalarNode)m.Children[new YamlScalarNode("id")]).Value == "mtalint");
        var entry = ((YamlScalarNode)lint.Children[new YamlScalarNode("entry")]).Value!.Split(' ');
        Assert.Equal("mtalint", entry[0]);
        return entry[1..];
    }

    private static string[] Findings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("file").GetString()}:{d.GetProperty("line")}:{d.GetProperty("rule").GetString()}")
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Whether some dialect reads a file of this name, given content that passes every content check (Exim's
    /// section lines, Sendmail's m4 macros): what a pattern on names can know. Templates as the config they render.
    /// </summary>
    public static bool RecognisableByName(string path)
    {
        // A conf.d NAME.rul is read in place of NAME when NAME is beside it, which no pattern on names can
        // see: the pattern passes it and the dialect decides, as for the names recognised by content.
        if (path.EndsWith(".rul", StringComparison.Ordinal) && path.Contains("/conf.d/", StringComparison.Ordinal))
        {
            return RecognisableByName(path[..^4]);
        }

        const string head = "begin acl\ndivert(-1)\nOSTYPE(`debian')\n";
        var rendered = TemplateDetector.WithoutTemplateSuffix(path);
        if (DialectRegistry.All.Any(d => d.Recognizes(path, () => head) || rendered is not null && d.Recognizes(rendered, () => head)))
        {
            return true;
        }

        // A conf.d NAME.rul is read in place of the NAME beside it. A files pattern cannot see siblings, so it
        // passes every NAME.rul whose NAME it passes; --skip-unrecognized skips one with no NAME beside it.
        var rul = (rendered ?? path) is var plain && plain.EndsWith(".rul", StringComparison.Ordinal) ? plain[..^4] : null;
        return rul is not null && rul.Contains("conf.d/", StringComparison.Ordinal) && RecognisableByName(rul);
    }

    /// <summary><c>re.search(pattern, path)</c> for each path, in Python (pre-commit's own semantics).</summary>
    public static bool[] PythonSearch(string pattern, IReadOnlyList<string> paths)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import re, sys\nr = re.compile(sys.argv[1])\nfor line in sys.stdin.read().split('\\n')[:-1]:\n    print(1 if r.search(line) else 0)");
        psi.ArgumentList.Add(pattern);
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(string.Concat(paths.Select(x => x + "\n")));
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "python3: " + err.Result);
        Assert.Equal(paths.Count, output.Length);
        return output.Select(o => o == "1").ToArray();
    }

    /// <summary>
    /// testdata/ (without the corpus) at its own paths, and each corpus file at its path in the repository it
    /// was copied from, under OWNER/REPO/ (SOURCES.md); which of them a walk reads, and which the pattern matches.
    /// </summary>
    public sealed partial class ConfigTree : IDisposable
    {
        private readonly TempDir _dir = new();

        public ConfigTree()
        {
            var files = new List<string>();
            foreach (var file in Directory.EnumerateFiles(TestPaths.TestData, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
                if (!relative.StartsWith("testdata/corpus/", StringComparison.Ordinal))
                {
                    files.Add(Copy(file, relative));
                }
            }

            foreach (Match row in SourceRow().Matches(File.ReadAllText(Path.Combine(TestPaths.Corpus, "SOURCES.md"))))
            {
                files.Add(Copy(Path.Combine(TestPaths.Corpus, row.Groups["local"].Value), $"{row.Groups["repo"].Value}/{row.Groups["path"].Value}"));
            }

            Assert.True(files.Count(f => !f.StartsWith("testdata/", StringComparison.Ordinal)) >= 70, "SOURCES.md rows not read");
            Files = files.Order(StringComparer.Ordinal).ToArray();
            var discovery = new InputDiscovery(DialectRegistry.All, lintTemplates: true).Discover([Root]);
            Assert.Empty(discovery.Problems);
            Walked = discovery.Units.SelectMany(u => u.Paths).Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
            var matched = PythonSearch(Pattern(), Files);
            Matched = Files.Where((_, i) => matched[i]).ToHashSet(StringComparer.Ordinal);
        }

        public string Root => _dir.Path;

        /// <summary>Every file of the tree, relative, with <c>/</c>.</summary>
        public IReadOnlyList<string> Files { get; }

        public IReadOnlySet<string> Walked { get; }

        public IReadOnlySet<string> Matched { get; }

        public void Dispose() => _dir.Dispose();

        private string Copy(string source, string relative)
        {
            var target = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            return relative;
        }

        [GeneratedRegex(@"^\| `(?<local>[^`]+)` \| (?<repo>[^ |]+) \| `(?<path>[^`]+)` \|", RegexOptions.Multiline)]
        private static partial Regex SourceRow();
    }
}
