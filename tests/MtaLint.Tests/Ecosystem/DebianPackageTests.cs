using System.IO.Compression;
using System.Text.RegularExpressions;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// scripts/package-deb.sh on the native executable scripts/test.sh publishes (artifacts/native/mtalint),
/// judged by Debian's lintian, then unpacked and run: the man page, completions and copyright are what a
/// mail server's admin gets from <c>apt install ./mtalint_VERSION_amd64.deb</c>.
/// </summary>
public sealed partial class DebianPackageTests : IClassFixture<DebianPackageTests.BuiltPackage>
{
    private readonly BuiltPackage _package;

    public DebianPackageTests(BuiltPackage package, ITestOutputHelper output)
    {
        _package = package;
        output.WriteLine($"lintian {package.Lintian.Stdout.Length} chars:\n{package.Lintian.Output}");
    }

    [Fact]
    public void The_package_is_named_for_its_version_and_architecture()
    {
        Assert.Equal($"mtalint_{ReleaseInfo.Version}_amd64.deb", Path.GetFileName(_package.Deb));
        var control = Run("dpkg-deb", ["--field", _package.Deb]).Stdout;
        Assert.Matches("(?m)^Package: mtalint$", control);
        Assert.Matches($"(?m)^Version: {Regex.Escape(ReleaseInfo.Version)}$", control);
        Assert.Matches("(?m)^Architecture: amd64$", control);
        Assert.Matches(@"(?m)^Depends: .*\blibc6 \(>= ", control);
    }

    [Fact]
    public void Lintian_finds_no_error()
    {
        var lintian = _package.Lintian;
        Assert.True(lintian.ExitCode is 0 or 2, lintian.Output); // 2: lintian ran and found errors
        var errors = lintian.Stdout.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_files_are_in_their_standard_folders()
    {
        var listing = Run("dpkg-deb", ["--contents", _package.Deb]).Stdout;
        foreach (var path in new[]
                 {
                     "./usr/bin/mtalint", "./usr/share/man/man1/mtalint.1.gz", "./usr/share/bash-completion/completions/mtalint",
                     "./usr/share/zsh/vendor-completions/_mtalint", "./usr/share/fish/vendor_completions.d/mtalint.fish",
                     "./usr/share/doc/mtalint/copyright", "./usr/share/doc/mtalint/changelog.gz",
                 })
        {
            Assert.Matches($@"(?m)^-rw[-x]r-[-x]r-[-x] root/root .* {Regex.Escape(path)}$", listing);
        }

        Assert.Matches(@"(?m)^-rwxr-xr-x root/root .* \./usr/bin/mtalint$", listing);
        Assert.StartsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n", _package.Read("usr/share/doc/mtalint/copyright"));
    }

    [Fact]
    public void The_unpacked_executable_lints_testdata()
    {
        var version = Run(_package.Executable, ["--version"]);
        Assert.Equal(ReleaseInfo.VersionLine(ReleaseInfo.HeadCommit), version.Stdout);
        var lint = Run(_package.Executable, [Path.Combine(TestPaths.TestData, "postfix", "debian-default")]);
        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("warning[MTA102] the banner names the operating system", lint.Stdout);
        var clean = Run(_package.Executable, ["--fail-on", "error", Path.Combine(TestPaths.TestData, "postfix", "hardened")]);
        Assert.Equal(0, clean.ExitCode);
    }

    [Fact]
    public void The_man_page_documents_every_option_command_and_rule_the_binary_has()
    {
        var page = Unroff(_package.ManPage);
        Assert.StartsWith($".TH MTALINT 1 \"\" \"mtalint {ReleaseInfo.Version}\"", page);
        var help = Run(_package.Executable, ["--help"]).Stdout;
        var options = OptionName().Matches(help).Select(m => m.Value).Distinct().ToArray();
        Assert.Contains("--skip-unrecognized", options);
        Assert.All(options, o => Assert.Contains(o, page));
        foreach (var command in new[] { "show", "probe", "rules", "explain", "completion" })
        {
            Assert.Contains($".B mtalint {command}", page);
        }

        Assert.All(RuleDocs.ById.Keys, id => Assert.Contains($"\\fB{id}\\fR", page));
        Assert.DoesNotContain("mtalint man", page); // the generator hides itself
    }

    [Fact]
    public void The_man_page_renders_without_warnings()
    {
        var dir = Path.GetDirectoryName(_package.Executable)!;
        var page = Path.Combine(dir, "mtalint.1");
        File.WriteAllText(page, _package.ManPage);
        var groff = Run("groff", ["-man", "-Tutf8", "-ww", "-z", page]);
        Assert.True(groff.ExitCode == 0 && groff.Stderr.Length == 0, groff.Stderr);
        var rendered = Run("groff", ["-man", "-Tascii", "-P-cbou", page]).Stdout;
        Assert.Contains("mtalint - lint and fix mail server configs", rendered);
        Assert.Contains("--fail-on", rendered);
    }

    [Fact]
    public void The_installed_bash_completion_completes_options_from_the_binary()
    {
        var script = Path.Combine(_package.Root, "usr", "share", "bash-completion", "completions", "mtalint");
        var bin = Path.GetDirectoryName(_package.Executable)!;
        var result = Run("bash", ["-c", $$"""
            export PATH="{{bin}}:$PATH"
            source "{{script}}"
            COMP_LINE='mtalint --form' COMP_POINT=14
            _mtalint_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """]);
        Assert.Equal("--format\n", result.Stdout);
    }

    /// <summary>The page with roff's minus signs as the hyphens a user types.</summary>
    private static string Unroff(string page) => page.Replace("\\-", "-", StringComparison.Ordinal);

    [GeneratedRegex(@"--[a-z][a-z-]+")]
    private static partial Regex OptionName();

    private static ToolPackageTests.ProcessResult Run(string exe, string[] args) =>
        ToolPackageTests.Run(exe, args, Path.GetTempPath(), timeoutSeconds: 600);

    /// <summary>The package built once for the class, lintian's verdict, and its files unpacked.</summary>
    public sealed class BuiltPackage : IDisposable
    {
        private readonly TempDir _dir = new();

        public BuiltPackage()
        {
            var native = Path.Combine(TestPaths.RepoRoot, "artifacts", "native", "mtalint");
            Assert.True(File.Exists(native), $"{native} is missing: scripts/test.sh publishes it (bash scripts/publish.sh native)");
            var build = ToolPackageTests.Run("bash", [Path.Combine(TestPaths.RepoRoot, "scripts", "package-deb.sh"), Path.Combine(_dir.Path, "out")],
                TestPaths.RepoRoot, timeoutSeconds: 600, new Dictionary<string, string> { ["MTALINT_BINARY"] = native });
            Assert.True(build.ExitCode == 0, "package-deb.sh failed:\n" + build.Output);
            Deb = build.Stdout.Trim();
            Lintian = Run("lintian", ["--tag-display-limit", "0", "--display-info", Deb]);
            Root = Path.Combine(_dir.Path, "root");
            var extract = Run("dpkg-deb", ["-x", Deb, Root]);
            Assert.True(extract.ExitCode == 0, extract.Output);
            Executable = Path.Combine(Root, "usr", "bin", "mtalint");
            using var gz = new GZipStream(File.OpenRead(Path.Combine(Root, "usr", "share", "man", "man1", "mtalint.1.gz")), CompressionMode.Decompress);
            ManPage = new StreamReader(gz).ReadToEnd();
        }

        public string Deb { get; }

        public ToolPackageTests.ProcessResult Lintian { get; }

        public string Root { get; }

        public string Executable { get; }

        public string ManPage { get; }

        public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

        public void Dispose() => _dir.Dispose();
    }
}
