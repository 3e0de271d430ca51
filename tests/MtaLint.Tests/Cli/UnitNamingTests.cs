using System.Text.Json;
using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Tests.Infrastructure;
using MtaLint.Workspace;

namespace MtaLint.Tests.Cli;

/// <summary>
/// pre-commit names only the files that changed: whichever file of a unit is named, mtalint must judge
/// the whole config the MTA reads. For every unit found by walking each folder of <c>testdata/</c> (the
/// corpus and whatever else is added there included), naming each of its files alone gives the findings,
/// the <c>--diff</c> and the <c>--fix</c> that naming the folder gives for that unit.
/// </summary>
public partial class UnitNamingTests(ITestOutputHelper output)
{
    private static readonly string[] Common = ["--include-templates", "--hostname", "mx.example.com"];

    /// <summary>
    /// <c>--root</c> for the gathered repositories' runs: the folder of each repository, whose layout is the
    /// host's (absolute includes such as Exim4U's <c>/etc/exim/*.conf.inc</c> are found there); null: none.
    /// </summary>
    private string? _root;

    private string[] Options => _root is null ? Common : [.. Common, "--root", _root];

    /// <summary>The units a walk of the folder finds that have a file in the folder itself (a folder below has its own turn).</summary>
    private List<ConfigUnit> Units(string folder)
    {
        var options = new AnalysisOptions("mx.example.com") { Root = _root };
        var discovery = new InputDiscovery(DialectRegistry.All, lintTemplates: true, options: options).Discover([folder]);
        return discovery.Units.Where(u => u.Files.Any(f => Path.GetDirectoryName(Path.GetFullPath(f)) == Path.GetFullPath(folder))).ToList();
    }

    [Fact]
    public void Naming_any_file_of_a_unit_judges_the_whole_unit()
    {
        int agreeing = 0, units = 0;
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(TestPaths.TestData, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (a, u) = Check(folder, done);
            agreeing += a;
            units += u;
        }

        output.WriteLine($"units where naming each file alone and naming the folder agree (findings, --diff, --fix): {agreeing} of {units} ({IncludedNamed} of the files named are included files)");
        Assert.Equal(units, agreeing);
        Assert.True(units >= 130, $"only {units} units");
    }

    /// <summary>
    /// The gathered repositories again, each with <c>--root</c> at its own folder, as their owners would run it:
    /// a config's absolute includes are then part of its unit, and naming one of them lints the config that
    /// includes it.
    /// </summary>
    [Fact]
    public void With_root_naming_any_file_of_a_unit_judges_the_whole_unit()
    {
        int agreeing = 0, units = 0;
        foreach (var repository in Directory.EnumerateDirectories(Path.Combine(TestPaths.TestData, "real"), "*__*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            _root = repository;
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var folder in Directory.EnumerateDirectories(repository, "*", SearchOption.AllDirectories).Prepend(repository).Order(StringComparer.Ordinal))
            {
                var (a, u) = Check(folder, done);
                agreeing += a;
                units += u;
            }
        }

        output.WriteLine($"with --root: units where naming each file alone and naming the folder agree: {agreeing} of {units} ({IncludedNamed} of the files named are included files)");
        Assert.Equal(units, agreeing);
        Assert.True(units >= 40, $"only {units} units");
        Assert.True(IncludedNamed >= 10, $"only {IncludedNamed} included files named: --root found no absolute include"); // Exim4U's eight /etc/exim/*.conf.inc, willrd9/Web_2's two /etc/mail/m4/*.m4
    }

    /// <summary>
    /// Every file the unit is read from that the repository holds: its own, and those its configs include
    /// (a walk does not list an include it does not recognise, yet naming it must lint its config).
    /// </summary>
    private string[] ReadFrom(ConfigUnit unit)
    {
        var inputs = UnitProcessor.ReadUnit(unit, out _).Select(i => i.Source).ToArray();
        var options = new AnalysisOptions("mx.example.com") { Root = _root, Included = inputs[unit.Paths.Count..] };
        var read = unit.Dialect.Analyze(inputs[..unit.Paths.Count], options).Included.Select(f => Path.GetFullPath(f.Path));
        var testdata = Path.GetFullPath(TestPaths.TestData) + "/";
        var mailname = Path.GetFullPath(options.Locate("/etc/mailname")); // read by update-exim4.conf, included by no config
        return unit.Files.Select(Path.GetFullPath).Concat(read)
            .Where(f => f.StartsWith(testdata, StringComparison.Ordinal) && f != mailname).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>For each unit of the folder not checked yet, each of its files named alone: (units where every file agreed, units).</summary>
    private (int Agreeing, int Units) Check(string folder, HashSet<string> done)
    {
        var all = Units(folder).Select(u => (Unit: u, Files: ReadFrom(u))).ToList();
        var units = all.Where(u => done.Add(string.Join('\n', u.Files.Order(StringComparer.Ordinal)))).ToList();
        if (units.Count == 0)
        {
            return (0, 0);
        }

        var whole = Lint(folder);
        var wholeDiff = Diff(folder);
        var wholeFix = FixedTree(folder, folder);
        var agreeing = 0;
        foreach (var unit in units)
        {
            var ok = true;
            foreach (var file in unit.Files)
            {
                // Naming a file lints every unit that holds it (update-exim4.conf.conf is read by two).
                var files = all.Where(u => u.Files.Contains(file)).SelectMany(u => u.Files).ToHashSet(StringComparer.Ordinal);
                ok &= Same($"{file}: findings", whole.Where(d => files.Contains(d.File)).ToList(), Lint(file));
                ok &= Same($"{file}: --diff", wholeDiff.Where(d => files.Contains(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList(),
                    Diff(file).OrderBy(d => d.Key, StringComparer.Ordinal).ToList());
                var fixedAlone = FixedTree(folder, file);
                ok &= Same($"{file}: --fix", wholeFix.Where(f => files.Contains(Path.Combine(folder, f.Key))).ToList(),
                    fixedAlone.Where(f => files.Contains(Path.Combine(folder, f.Key))).ToList());
            }

            IncludedNamed += unit.Files.Length - unit.Unit.Paths.Count;
            agreeing += ok ? 1 : 0;
        }

        return (agreeing, units.Count);
    }

    /// <summary>How many of the files named alone were files a config includes, not configs of their own.</summary>
    private int IncludedNamed { get; set; }

    private bool Same<T>(string what, List<T> expected, List<T> actual)
    {
        if (expected.SequenceEqual(actual))
        {
            return true;
        }

        output.WriteLine($"{what} differ:\n  folder: {string.Join("\n          ", expected)}\n  file:   {string.Join("\n          ", actual)}");
        return false;
    }

    private sealed record Finding(string File, string Text);

    /// <summary>The findings as JSON objects, each with its file made full, in report order (Exim's $tod_full, which moves on between runs, masked).</summary>
    private List<Finding> Lint(string path)
    {
        var run = CliRunner.RunReal([.. Options, "--format", "json", "--fail-on", "never", path]);
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => new Finding(Path.GetFullPath(d.GetProperty("file").GetString()!), TodFull().Replace(d.GetRawText(), "<tod_full>")))
            .ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial System.Text.RegularExpressions.Regex TodFull();

    /// <summary>The --diff, one section per file (by full path).</summary>
    private List<KeyValuePair<string, string>> Diff(string path)
    {
        var run = CliRunner.RunReal([.. Options, "--diff", "--color", "never", path]);
        var sections = new List<KeyValuePair<string, string>>();
        foreach (var section in run.Stdout.Split("--- a/", StringSplitOptions.RemoveEmptyEntries))
        {
            // The header names the path as given, without its leading '/' (a/PATH).
            var name = section[..section.IndexOf('\n', StringComparison.Ordinal)];
            sections.Add(new(Path.GetFullPath(Path.IsPathRooted(path) ? "/" + name : name), section));
        }

        return sections;
    }

    /// <summary>
    /// A copy of the folder after <c>--fix</c> of <paramref name="named"/> (the folder or a file in it): each
    /// file's text by its path in the folder. With <c>--root</c>, the whole root is copied and the copy is the root.
    /// </summary>
    private List<KeyValuePair<string, string>> FixedTree(string folder, string named)
    {
        using var copy = new TempDir();
        var top = _root ?? folder;
        foreach (var file in Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(top, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        string[] root = _root is null ? [] : ["--root", copy.Path];
        CliRunner.RunReal([.. Common, .. root, "--fix", "--fail-on", "never", Path.Combine(copy.Path, Path.GetRelativePath(top, named))]);
        var folderCopy = Path.Combine(copy.Path, Path.GetRelativePath(top, folder));
        return Directory.EnumerateFiles(folderCopy, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => new KeyValuePair<string, string>(Path.GetRelativePath(folderCopy, f), File.ReadAllText(f)))
            .ToList();
    }
}
